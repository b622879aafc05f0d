import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/free-port";
import { exited, spawnGroup } from "../scripts/process-group";
import { quietEnv } from "../scripts/site-env";
import { startNext } from "./servers";

/** The embedded store on a small disk of its own (tmpfs), which the test turns read-only or fills. */
interface SmallDisk {
  dir: string;
  remount(mode: "ro" | "rw"): void;
  fill(): void;
  empty(): void;
  remove(): void;
}

function mountSmallDisk(megabytes: number): SmallDisk | string {
  const dir = mkdtempSync(path.join(tmpdir(), "nametag-disk-"));
  const mount = (...args: string[]) => execFileSync("mount", args, { stdio: "pipe" });
  try {
    mount("-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `this machine cannot mount a tmpfs (${(error as Error).message.split("\n")[0]}): run as root to test disk faults`;
  }
  const filler = path.join(dir, "filler");
  return {
    dir,
    // A read-only bind mount on top: the kernel refuses a read-only remount of a disk with files open for writing.
    remount: (mode) => {
      if (mode === "ro") {
        mount("--bind", dir, dir);
        mount("-o", "remount,bind,ro", dir);
      } else execFileSync("umount", [dir]);
    },
    fill: () => {
      // Chunks until the disk says no: the last one is cut short by ENOSPC.
      try {
        for (let chunk = 0; chunk < megabytes; chunk++) writeFileSync(filler, Buffer.alloc(2 ** 20), { flag: "a" });
      } catch {
        // Full.
      }
    },
    empty: () => unlinkSync(filler),
    remove: () => {
      // The bind mount, if the test left it, then the disk.
      for (let layer = 0; layer < 2; layer++)
        try {
          execFileSync("umount", ["-l", dir], { stdio: "pipe" });
        } catch {
          // Nothing (more) mounted there.
        }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const siteEnv = (disk: SmallDisk) => ({
  AUTH_GOOGLE_ID: "id",
  AUTH_GOOGLE_SECRET: "secret",
  PGLITE_DIR: path.join(disk.dir, "pglite"),
  AUTH_URL: "http://localhost:3000",
});

async function storeCheck(url: string) {
  const response = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { checks: Record<string, { ok: boolean; detail: string }> };
  return { status: response.status, detail: body.checks.sessionStore?.detail };
}

/** `next start` on a store that cannot open: what it prints and its exit code (the server must not come up). */
async function failedStart(env: Record<string, string>) {
  const next = spawnGroup(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(await freePort()), "-H", "127.0.0.1"],
    { ...process.env, ...quietEnv, ...env },
  );
  const stop = setTimeout(() => void next.stop(0), 30_000);
  await exited(next.child);
  clearTimeout(stop);
  return { code: next.child.exitCode, output: next.output() };
}

test.describe("the embedded store on a disk that fails", () => {
  let disk: SmallDisk;
  test.beforeEach(() => {
    const mounted = mountSmallDisk(96);
    test.skip(typeof mounted === "string", typeof mounted === "string" ? mounted : "");
    disk = mounted as SmallDisk;
  });
  test.afterEach(() => disk?.remove());

  test("readiness says the folder turned read-only, in those words, and recovers when it is writable again", async () => {
    const site = await startNext(siteEnv(disk));
    try {
      expect(await storeCheck(site.url)).toEqual({ status: 200, detail: "embedded" });
      disk.remount("ro");
      expect(await storeCheck(site.url)).toEqual({
        status: 503,
        detail: `embedded: the embedded store's folder is read-only (${path.join(disk.dir, "pglite")})`,
      });
      disk.remount("rw");
      expect(await storeCheck(site.url)).toEqual({ status: 200, detail: "embedded" });
    } finally {
      await site.stop();
    }
  });

  test("readiness says the disk is full, and recovers once there is room", async () => {
    const site = await startNext(siteEnv(disk));
    try {
      disk.fill();
      const full = await storeCheck(site.url);
      expect(full.status).toBe(503);
      expect(full.detail).toMatch(/^embedded: disk full: \d+\.\d MB free where the embedded store lives/);
      disk.empty();
      expect(await storeCheck(site.url)).toEqual({ status: 200, detail: "embedded" });
    } finally {
      await site.stop();
    }
  });

  test("a start on a read-only or full disk stops with a message that says which, not PGlite's Aborted()", async () => {
    disk.remount("ro");
    const readOnly = await failedStart(siteEnv(disk));
    expect(readOnly.code).toBe(1);
    expect(readOnly.output).toContain("The embedded store cannot start: the embedded store's folder is read-only");
    expect(readOnly.output).not.toContain("Aborted()");

    disk.remount("rw");
    disk.fill();
    const full = await failedStart(siteEnv(disk));
    expect(full.code).toBe(1);
    expect(full.output).toMatch(/The embedded store cannot start: disk full: \d+\.\d MB free/);
    expect(full.output).not.toContain("Aborted()");
  });
});
