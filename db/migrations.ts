/** The committed SQL migrations (db/migrations, written by `npm run db:generate`) and how far a database has come. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

export const migrationsFolder = join(process.cwd(), "db", "migrations");

/** Migrations in the folder, oldest first (drizzle's journal). */
export function knownMigrations(): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((entry) => entry.tag);
}

/** How many known migrations the database has not applied yet (drizzle records each applied one). */
export async function pendingMigrations(db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>): Promise<number> {
  const known = knownMigrations().length;
  // PGlite and node-postgres both answer with `rows`.
  const rows = async <Row extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    ((await db.execute<Row>(query)) as { rows: Row[] }).rows;
  const [table] = await rows<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!table?.present) return known;
  const [applied] = await rows<{ count: number }>(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  return Math.max(0, known - (applied?.count ?? 0));
}
