import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const noNextLink = { name: "next/link", message: "Use a plain <a>: next/link adds 6.6 KiB gzip to every page (JS budget, see docs/performance.md)." };

const eslintConfig = [
  ...nextVitals,
  ...nextTypeScript,
  { rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }] } },
  // Playwright fixtures hand over their value with a function called `use`: not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    // The folders are the layers, and imports point one way: app → components → server → db → config → lib.
    files: ["**/*.{ts,tsx}"],
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components", "./server", "./db", "./config", "./build", "./auth.ts", "./middleware.ts"], message: "lib/ holds pure helpers: hand them values instead." },
            { target: "./config", from: ["./app", "./components", "./server", "./db", "./build", "./auth.ts", "./middleware.ts"], message: "config/ reads the environment only." },
            { target: "./build", from: ["./app", "./components", "./server", "./db", "./config", "./auth.ts", "./middleware.ts"], message: "build/ reads and writes build output from lib/ helpers only." },
            { target: "./db", from: ["./app", "./components", "./server", "./auth.ts", "./middleware.ts"], message: "db/ takes the request's facts as arguments: never reach up to the server or the routes." },
            { target: "./server", from: ["./app", "./components", "./middleware.ts"], message: "server/ serves the routes: never the other way round." },
            { target: "./components", from: ["./app", "./db"], message: "Components render what pages hand them (server actions come from server/)." },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    // Plain links: next/link adds 6.6 KiB gzip of JavaScript to every page, past the 135 KiB budget (docs/performance.md).
    rules: {
      "@next/next/no-html-link-for-pages": "off",
      "no-restricted-imports": ["error", { paths: [noNextLink] }],
    },
  },
  {
    // Pure helpers: no request, no file system, nothing that only runs on the server.
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [...["next/headers", "next/navigation", "next/server", "server-only", "node:fs", "node:http", "node:async_hooks"].map((name) => ({ name, message: "lib/ is pure: this belongs in server/ or build/." })), noNextLink] },
      ],
    },
  },
];

export default eslintConfig;
