import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../scripts/postgres-server";
import { storeContract } from "./store-contract";
import { knownMigrations } from "./migrations";

// A throwaway PostgreSQL server on loopback (installed from Debian when missing), migrated like a deployment does.
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.DATABASE_TIMEOUT_MS = "1000";
}, 600_000);

afterAll(async () => {
  await (await import("./client")).closeStore();
  await server?.stop();
});

describe("npm run db:migrate on PostgreSQL", () => {
  it("applies every migration once, however many migrators run at the same time, and again changes nothing", async () => {
    const { migratePostgres } = await import("./migrate");
    const applied = await Promise.all([
      migratePostgres(server.url),
      migratePostgres(server.url),
      migratePostgres(server.url),
    ]);
    // The advisory lock lets one migrator work; the others wait, then find nothing left to do.
    expect(applied.sort()).toEqual([0, 0, knownMigrations().length]);
    expect(await migratePostgres(server.url)).toBe(0);
  }, 60_000);
});

describe("the session sweep on PostgreSQL", () => {
  it("runs on one instance at a time: while another instance is sweeping, a second sweep skips and deletes nothing", async () => {
    const { Client } = await import("pg");
    const { database } = await import("./client");
    const { sessions, users } = await import("./schema");
    const { sweepExpiredSessions, sweepLockKey } = await import("./session-queries");
    const db = await database();
    const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    await db.insert(users).values({ id: "swept", email: "swept@example.com" });
    await db.insert(sessions).values(
      Array.from({ length: 5 }, (_, index) => ({
        sessionToken: `swept-${index}`,
        id: `swept-${index}`,
        userId: "swept",
        createdAt: longAgo,
        lastSeenAt: longAgo,
        expires: longAgo,
      })),
    );
    const left = async () => (await db.select().from(sessions)).length;
    // Another instance in the middle of its sweep: its transaction holds the sweep's lock.
    const other = new Client({ connectionString: server.url });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock($1)", [sweepLockKey]);
      expect(await sweepExpiredSessions(new Date(), 10)).toBeNull();
      expect(await left()).toBe(5);
      await other.query("commit");
    } finally {
      await other.end();
    }
    expect(await sweepExpiredSessions(new Date(), 10)).toBe(5);
    expect(await left()).toBe(0);
    await db.delete(users).where(eq(users.id, "swept"));
  }, 30_000);
});

describe("a stuck PostgreSQL", () => {
  it("costs a query its time bound, not the lock's: a statement behind another session's table lock is cancelled", async () => {
    const { Client } = await import("pg");
    const { database } = await import("./client");
    const { sessions } = await import("./schema");
    const db = await database();
    // Another session holds the table until this test lets go: without a bound, the lookup would wait for it.
    const other = new Client({ connectionString: server.url });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("lock table sessions in access exclusive mode");
      const stuck = await db
        .select()
        .from(sessions)
        .then(() => "answered")
        .catch((error: unknown) => error);
      // drizzle wraps the driver's error; PostgreSQL's own says the statement timed out (57014: query_canceled).
      expect(stuck).toBeInstanceOf(Error);
      expect((stuck as Error & { cause?: { code?: string } }).cause?.code).toBe("57014");
      const { storeFailureReason } = await import("./errors");
      expect(storeFailureReason(stuck)).toBe("a statement ran past DATABASE_TIMEOUT_MS and was cancelled");
    } finally {
      await other.query("rollback");
      await other.end();
    }
    // The pool is not drained: the next query answers as soon as the lock is gone.
    expect(await db.select().from(sessions)).toBeInstanceOf(Array);
  }, 15_000);
});

describe("why PostgreSQL cannot serve, in an operator's words (readiness and the log)", () => {
  it("says the server refused the connection, with its address, not drizzle's message with the query", async () => {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { freePort } = await import("../scripts/free-port");
    const { storeFailureReason } = await import("./errors");
    const { sessions } = await import("./schema");
    const port = await freePort();
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/none`, max: 1 });
    try {
      const failure: unknown = await drizzle({ client: pool })
        .select()
        .from(sessions)
        .where(eq(sessions.sessionToken, "a-token-hash"))
        .catch((error: unknown) => error);
      expect((failure as Error).message).toContain("a-token-hash");
      expect(storeFailureReason(failure)).toBe(`connection refused to 127.0.0.1:${port}`);
    } finally {
      await pool.end();
    }
  });

  it("finds a read-only database before a visitor does: the write probe fails, naming it", async () => {
    const { Client } = await import("pg");
    const { store } = await import("./client");
    const current = await store();
    expect(await current.writeProblem()).toBeUndefined();
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    // What a failover to a standby, or an operator locking the database, looks like to a connection that was fine.
    const setReadOnly = async (on: boolean) => {
      await admin.query(`alter system set default_transaction_read_only = ${on ? "on" : "off"}`);
      await admin.query("select pg_reload_conf()");
    };
    try {
      await setReadOnly(true);
      await expect
        .poll(() => current.writeProblem())
        .toBe("the database is read-only (a standby, or default_transaction_read_only)");
    } finally {
      await setReadOnly(false);
      await admin.end();
    }
    await expect.poll(() => current.writeProblem()).toBeUndefined();
  });
});

storeContract();
