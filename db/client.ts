/**
 * The one connection to the database, opened on first use: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded store (PGlite) in PGLITE_DIR, created and migrated on the spot. The embedded store serves one process:
 * a second one on the same folder refuses to start (db/embedded-lock.ts).
 */
import "server-only";
import { hostname } from "node:os";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/config/env";
import { embeddedFolderProblem, openEmbedded } from "./embedded";
import { storeFailureReason } from "./errors";
import { timeQueries, watchPool } from "./metrics";
import { pendingMigrations } from "./migrations";
import type { StoreKind } from "@/lib/store-kind";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  db: Database;
  kind: StoreKind;
  /** Migrations the code knows but the database has not applied (Postgres: run `npm run db:migrate`). */
  pendingMigrations(): Promise<number>;
  /** Why the store cannot take a write now, in words an operator can act on; undefined once a write went through. */
  writeProblem(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Rewrites this instance's row in store_probes: the cheapest write that must reach the disk (or the server's). */
async function probeWrite(db: Database): Promise<string | undefined> {
  try {
    await db
      .insert(schema.storeProbes)
      .values({ instance: hostname(), writtenAt: new Date() })
      .onConflictDoUpdate({ target: schema.storeProbes.instance, set: { writtenAt: new Date() } });
    return undefined;
  } catch (error) {
    return storeFailureReason(error);
  }
}

async function openPostgres(url: string, timeoutMs: number): Promise<Store> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  // pg waits forever by default. The server cancels a statement stuck behind a lock (statement_timeout); the client
  // gives up on a server that stopped answering altogether (query_timeout), so stuck requests cannot drain the pool.
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 10_000,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs + 1_000,
  });
  // An idle client losing its server emits here; without a listener the process would crash. The pool replaces it.
  pool.on("error", (error) => console.error(`[db] idle PostgreSQL connection lost: ${error.message}`));
  // Every query runs on one of the pool's clients, so timing each client's query times them all, once.
  pool.on("connect", (client) => timeQueries(client, "postgres"));
  const unwatchPool = watchPool(pool);
  const db = drizzle({ client: pool, schema });
  return {
    db,
    kind: "postgres",
    pendingMigrations: () => pendingMigrations(db),
    writeProblem: () => probeWrite(db),
    close: async () => {
      unwatchPool();
      await pool.end();
    },
  };
}

async function openEmbeddedStore(dataDir: string): Promise<Store> {
  const { db, client, close } = await openEmbedded(dataDir);
  timeQueries(client, "embedded");
  return {
    db,
    kind: "embedded",
    pendingMigrations: () => pendingMigrations(db),
    // A write on a read-only or full disk would abort PGlite itself: the folder is asked first.
    writeProblem: async () => (await embeddedFolderProblem(dataDir)) ?? probeWrite(db),
    close,
  };
}

// Kept on globalThis so the development server's module reloads reuse the connection (and the embedded lock).
const globalStore = globalThis as typeof globalThis & { sessionStore?: Promise<Store> };

/** The store, opened once per process. */
export function store(): Promise<Store> {
  globalStore.sessionStore ??= (
    env.DATABASE_URL ? openPostgres(env.DATABASE_URL, env.DATABASE_TIMEOUT_MS) : openEmbeddedStore(env.PGLITE_DIR)
  ).catch((error: unknown) => {
    globalStore.sessionStore = undefined;
    throw error;
  });
  return globalStore.sessionStore;
}

export async function database(): Promise<Database> {
  return (await store()).db;
}

/** Closes the store if it was opened (shutdown). */
export async function closeStore(): Promise<void> {
  const opened = globalStore.sessionStore;
  globalStore.sessionStore = undefined;
  if (opened) await (await opened.catch(() => undefined))?.close();
}
