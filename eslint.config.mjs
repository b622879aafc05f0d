import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

const noNextLink = {
  name: "next/link",
  message: "Use a plain <a>: next/link adds 6.6 KiB gzip to every page (JS budget, see docs/performance.md).",
};

const eslintConfig = [
  ...nextVitals,
  ...nextTypeScript,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["**/*.ts", "**/*.tsx"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // `async` without `await` here implements a Promise-returning interface (Auth.js, oidc-provider, Next) and turns a throw into a rejection.
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // Our drizzle databases and transactions are called `db` and `tx` (db/*.ts): a delete or update on them needs a where.
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
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
            {
              target: "./lib",
              from: [
                "./app",
                "./components",
                "./server",
                "./db",
                "./config",
                "./build",
                "./auth.ts",
                "./middleware.ts",
              ],
              message: "lib/ holds pure helpers: hand them values instead.",
            },
            {
              target: "./config",
              from: ["./app", "./components", "./server", "./db", "./build", "./auth.ts", "./middleware.ts"],
              message: "config/ reads the environment only.",
            },
            {
              target: "./build",
              from: ["./app", "./components", "./server", "./db", "./config", "./auth.ts", "./middleware.ts"],
              message: "build/ reads and writes build output from lib/ helpers only.",
            },
            {
              target: "./db",
              from: ["./app", "./components", "./server", "./auth.ts", "./middleware.ts"],
              message: "db/ takes the request's facts as arguments: never reach up to the server or the routes.",
            },
            {
              target: "./server",
              from: ["./app", "./components", "./middleware.ts"],
              message: "server/ serves the routes: never the other way round.",
            },
            {
              target: "./components",
              from: ["./app", "./db"],
              message: "Components render what pages hand them (server actions come from server/).",
            },
            {
              // The container test's specs are Playwright specs like e2e/'s and share its sign-in steps.
              target: ["./bench", "./scripts/*.ts", "./google-stand-in"],
              from: "./e2e",
              message:
                "e2e/ holds the end-to-end specs and their fixtures: what the benchmark and tools share lives in scripts/.",
            },
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
        {
          paths: [
            ...[
              "next/headers",
              "next/navigation",
              "next/server",
              "server-only",
              "node:fs",
              "node:http",
              "node:async_hooks",
            ].map((name) => ({ name, message: "lib/ is pure: this belongs in server/ or build/." })),
            noNextLink,
          ],
        },
      ],
    },
  },
];

export default eslintConfig;
