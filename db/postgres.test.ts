import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../scripts/postgres-server";
import { storeContract } from "./store-contract";

// A throwaway PostgreSQL server on loopback (installed from Debian when missing), migrated like a deployment does.
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
}, 600_000);

afterAll(async () => {
  await (await import("./client")).closeStore();
  await server?.stop();
});

describe("npm run db:migrate on PostgreSQL", () => {
  it("applies every migration once, however many migrators run at the same time, and again changes nothing", async () => {
    const { migratePostgres } = await import("./migrate");
    const applied = await Promise.all([migratePostgres(server.url), migratePostgres(server.url), migratePostgres(server.url)]);
    // The advisory lock lets one migrator work; the others wait, then find nothing left to do.
    expect(applied.sort()).toEqual([0, 0, 1]);
    expect(await migratePostgres(server.url)).toBe(0);
  }, 60_000);
});

storeContract();
