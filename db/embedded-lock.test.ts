import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockEmbeddedStore } from "./embedded-lock";
import { StoreLockedError } from "./errors";

const parent = mkdtempSync(join(tmpdir(), "lock-test-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("one process per embedded data folder", () => {
  it("refuses a second owner while the first holds the folder, and lets the next one in after release", async () => {
    const dataDir = join(parent, "held");
    const first = await lockEmbeddedStore(dataDir);
    await expect(lockEmbeddedStore(dataDir)).rejects.toThrow(StoreLockedError);
    await expect(lockEmbeddedStore(dataDir)).rejects.toThrow(/serves one process only.*DATABASE_URL/);
    await first.release();
    const next = await lockEmbeddedStore(dataDir);
    await next.release();
  });

  it("takes over from an owner that died without releasing (its socket file left behind)", async () => {
    const dataDir = join(parent, "crashed");
    // A process that takes the lock's socket and is killed on the spot: the file stays, nobody listens.
    spawnSync(process.execPath, ["-e", `require("node:net").createServer().listen(${JSON.stringify(`${dataDir}.lock`)}, () => process.kill(process.pid, "SIGKILL"))`]);
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    const lock = await lockEmbeddedStore(dataDir);
    await expect(lockEmbeddedStore(dataDir)).rejects.toThrow(StoreLockedError);
    await lock.release();
  });
});
