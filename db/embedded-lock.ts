/**
 * One process per embedded data folder. PGlite takes no lock of its own: two processes on one folder raise no error
 * and silently lose writes. The owner listens on a Unix socket beside the folder; the kernel closes it when the
 * process ends, however it ends, so a leftover socket file from a crash is told apart from a live owner.
 *
 * Taking over a crashed owner's socket file is check-then-remove, so takers go one at a time: whoever creates the
 * take-over folder (mkdir is atomic) checks again, removes and listens; the others wait, then find the new owner.
 */
import { connect, createServer, type Server } from "node:net";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { relative } from "node:path";
import { StoreLockedError } from "./errors";

export interface EmbeddedLock {
  release(): Promise<void>;
}

// Unix socket paths are limited to ~107 bytes: a relative path keeps deep project folders working.
const socketPath = (dataDir: string) => {
  const absolute = `${dataDir.replace(/\/+$/, "")}.lock`;
  const shorter = relative(process.cwd(), absolute);
  return shorter.length < absolute.length ? shorter : absolute;
};

const listen = (path: string) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      // The lock must not keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });

const ownerIsAlive = (path: string) =>
  new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });

/** A take-over takes milliseconds: a take-over folder older than this was left by a taker that died half-way. */
const abandonedTakeoverMs = 10_000;

const held = (server: Server): EmbeddedLock => ({
  release: () => new Promise((resolve) => server.close(() => resolve())),
});

/** Listens on `path`; undefined when something else already has it (a live owner, or a crashed one's file). */
async function tryListen(path: string): Promise<Server | undefined> {
  try {
    return await listen(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") return undefined;
    throw error;
  }
}

/** Creates the take-over folder; false when another process holds it. */
function tryBeginTakeover(folder: string): boolean {
  try {
    mkdirSync(folder);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const age = Date.now() - (statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > abandonedTakeoverMs) rmSync(folder, { recursive: true, force: true });
    return false;
  }
}

export async function lockEmbeddedStore(dataDir: string): Promise<EmbeddedLock> {
  const path = socketPath(dataDir);
  const takeover = `${path}.takeover`;
  for (;;) {
    const server = await tryListen(path);
    if (server) return held(server);
    if (await ownerIsAlive(path)) throw new StoreLockedError(dataDir);
    // A crashed owner's socket file: nobody answers on it any more.
    if (tryBeginTakeover(takeover)) {
      try {
        // Another taker may have finished between our check and our folder.
        if (await ownerIsAlive(path)) throw new StoreLockedError(dataDir);
        rmSync(path, { force: true });
        // A process starting just now may listen on the freed path first: then it is the owner, found on the next turn.
        const taken = await tryListen(path);
        if (taken) return held(taken);
      } finally {
        rmSync(takeover, { recursive: true, force: true });
      }
    } else {
      await sleep(20);
    }
  }
}
