import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { storeContract } from "./store-contract";

const parent = mkdtempSync(join(tmpdir(), "store-test-"));
process.env.PGLITE_DIR = join(parent, "pglite");
delete process.env.DATABASE_URL;

afterAll(async () => {
  await (await import("./client")).closeStore();
  rmSync(parent, { recursive: true, force: true });
});

storeContract();
