/**
 * Opens the embedded store (PGlite) in `dataDir` for this process alone and brings it up to date: the site at start
 * (db/client.ts) and `npm run db:migrate` without DATABASE_URL. Reads no environment, so the migrator needs no secret.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { lockEmbeddedStore } from "./embedded-lock";
import { migrationsFolder, pendingMigrations } from "./migrations";
import * as schema from "./schema";

export interface EmbeddedStore {
  db: PgliteDatabase<typeof schema>;
  /** Migrations applied while opening. */
  migrated: number;
  close: () => Promise<void>;
}

export async function openEmbedded(dataDir: string): Promise<EmbeddedStore> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const lock = await lockEmbeddedStore(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = await PGlite.create(dataDir);
    const db = drizzle({ client, schema });
    // One process owns the folder, so migrating here cannot race.
    const migrated = await pendingMigrations(db);
    await migrate(db, { migrationsFolder });
    return {
      db,
      migrated,
      close: async () => {
        await client.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
