import { defineConfig } from "drizzle-kit";

// `npm run db:generate` turns changes to db/schema.ts into the next committed SQL migration.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
