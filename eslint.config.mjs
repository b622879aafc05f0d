import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

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
  { ignores: [".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    // Plain links: next/link adds 6.6 KiB gzip of JavaScript to every page, past issue 4's 135 KiB budget.
    rules: {
      "@next/next/no-html-link-for-pages": "off",
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use a plain <a>: next/link adds 6.6 KiB gzip to every page (JS budget, see README Performance)." }] }],
    },
  },
];

export default eslintConfig;
