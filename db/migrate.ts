/**
 * `npm run db:migrate`: applies the committed migrations (db/migrations) to DATABASE_URL, once per deploy. Safe to run
 * twice (drizzle records what it applied) and twice at once (a PostgreSQL advisory lock lets one run at a time).
 * Without DATABASE_URL it migrates the embedded store, which the site also does by itself at start.
 */
import { loadEnvFiles } from "../config/env-files";
import { parseDatabaseEnv } from "../config/env";
import { openEmbedded } from "./embedded";
import { migrationsFolder, pendingMigrations } from "./migrations";

/** Any fixed number: every migrator of this site takes the same lock. */
const migrationLockKey = 7_420_250_901;

export async function migratePostgres(url: string): Promise<number> {
  const { Client } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // Held for the session: a second migrator waits here, then finds nothing left to do.
    await client.query("select pg_advisory_lock($1)", [migrationLockKey]);
    const db = drizzle({ client });
    const pending = await pendingMigrations(db);
    await migrate(db, { migrationsFolder });
    return pending;
  } finally {
    await client.end();
  }
}

export async function migrateEmbedded(dataDir: string): Promise<number> {
  const { migrated, close } = await openEmbedded(dataDir);
  await close();
  return migrated;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  loadEnvFiles();
  try {
    const { DATABASE_URL, PGLITE_DIR } = parseDatabaseEnv();
    const where = DATABASE_URL ? `PostgreSQL at ${new URL(DATABASE_URL).host}` : `the embedded store in ${PGLITE_DIR}`;
    const applied = DATABASE_URL ? await migratePostgres(DATABASE_URL) : await migrateEmbedded(PGLITE_DIR);
    console.log(applied > 0 ? `› Applied ${applied} migration(s) to ${where}` : `› Up to date: ${where}`);
  } catch (error) {
    console.error(`\n✗ Migration failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
