/**
 * One process per embedded data folder. PGlite takes no lock of its own: two processes on one folder raise no error
 * and silently lose writes. The owner listens on a Unix socket beside the folder; the kernel closes it when the
 * process ends, however it ends, so a leftover socket file from a crash is told apart from a live owner.
 */
import { connect, createServer, type Server } from "node:net";
import { rmSync } from "node:fs";
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

export async function lockEmbeddedStore(dataDir: string): Promise<EmbeddedLock> {
  const path = socketPath(dataDir);
  let server: Server;
  try {
    server = await listen(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    if (await ownerIsAlive(path)) throw new StoreLockedError(dataDir);
    // A crashed owner's socket file: nobody answers on it any more.
    rmSync(path, { force: true });
    server = await listen(path);
  }
  return { release: () => new Promise((resolve) => server.close(() => resolve())) };
}
