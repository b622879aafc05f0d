/**
 * Opens the embedded store (PGlite) in `dataDir` for this process alone and brings it up to date: the site at start
 * (db/client.ts) and `npm run db:migrate` without DATABASE_URL. Reads no environment, so the migrator needs no secret.
 */
import { existsSync, mkdirSync } from "node:fs";
import { access, constants, statfs } from "node:fs/promises";
import { dirname } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { lockEmbeddedStore } from "./embedded-lock";
import { migrationsFolder, pendingMigrations } from "./migrations";
import * as schema from "./schema";

export interface EmbeddedStore {
  db: PgliteDatabase<typeof schema>;
  /** PGlite itself, under the database (its queries are timed: db/metrics.ts). */
  client: PGlite;
  /** Migrations applied while opening. */
  migrated: number;
  close: () => Promise<void>;
}

/** PGlite needs room for its write-ahead log; a fresh folder takes ~40 MB at once. */
const minimumFreeBytes = { existing: 16 * 2 ** 20, fresh: 64 * 2 ** 20 };

/**
 * Why the embedded store could not write in `dataDir` now, in words an operator can act on; undefined if it can.
 * Asked before PGlite opens or writes: on a read-only or full disk it fails with "Aborted()" and nothing else.
 */
export async function embeddedFolderProblem(dataDir: string): Promise<string | undefined> {
  const folder = existsSync(dataDir) ? dataDir : dirname(dataDir);
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EROFS") return `the embedded store's folder is read-only (${folder})`;
    if (code === "EACCES") return `this user may not write to the embedded store's folder (${folder})`;
    return `the embedded store's folder cannot be used (${folder}: ${code ?? "unknown error"})`;
  }
  const { bavail, bsize } = await statfs(folder);
  const free = bavail * bsize;
  const needed = folder === dataDir ? minimumFreeBytes.existing : minimumFreeBytes.fresh;
  if (free < needed)
    return `disk full: ${(free / 2 ** 20).toFixed(1)} MB free where the embedded store lives (${folder}), it needs ${needed / 2 ** 20} MB`;
  return undefined;
}

export async function openEmbedded(dataDir: string): Promise<EmbeddedStore> {
  try {
    mkdirSync(dirname(dataDir), { recursive: true });
  } catch {
    // embeddedFolderProblem says why, in words.
  }
  const problem = await embeddedFolderProblem(dataDir);
  if (problem) throw new Error(`The embedded store cannot start: ${problem}.`);
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
      client,
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
