import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { lockEmbeddedStore } from "./embedded-lock";
import { StoreLockedError } from "./errors";

const parent = mkdtempSync(join(tmpdir(), "lock-test-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Leaves what a crashed owner leaves: the lock's socket file, with nobody listening on it. */
function crashedOwner(dataDir: string): void {
  spawnSync(process.execPath, [
    "-e",
    `require("node:net").createServer().listen(${JSON.stringify(`${dataDir}.lock`)}, () => process.kill(process.pid, "SIGKILL"))`,
  ]);
}

/** A separate process that asks for locks when told to (db/embedded-lock.contender.ts), and what it answers. */
async function contender(): Promise<{ ask(line: string): Promise<string>; stop(): void }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [
    "--import",
    "tsx",
    join(import.meta.dirname, "embedded-lock.contender.ts"),
  ]);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => String((await lines.next()).value);
  expect(await next()).toBe("ready");
  return {
    ask(line) {
      child.stdin.write(`${line}\n`);
      return next();
    },
    stop: () => child.kill("SIGKILL"),
  };
}

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
    crashedOwner(dataDir);
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    const lock = await lockEmbeddedStore(dataDir);
    await expect(lockEmbeddedStore(dataDir)).rejects.toThrow(StoreLockedError);
    await lock.release();
  });

  it(
    "after a crash, of two processes starting at the same moment exactly one takes over, every time",
    { timeout: 60_000 },
    async () => {
      const [one, two] = await Promise.all([contender(), contender()]);
      try {
        for (let round = 0; round < 40; round++) {
          const dataDir = join(parent, `race-${round}`);
          crashedOwner(dataDir);
          const answers = await Promise.all([one.ask(`lock ${dataDir}`), two.ask(`lock ${dataDir}`)]);
          expect([...answers].sort(), `round ${round}`).toEqual(["locked", "owner"]);
          const owner = answers[0] === "owner" ? one : two;
          expect(await owner.ask("release")).toBe("released");
        }
      } finally {
        one.stop();
        two.stop();
      }
    },
  );
});
