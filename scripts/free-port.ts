/**
 * Ports the OS hands out, for servers that must be told their port before they start (their address goes into other
 * servers' settings first). A server that can listen on port 0 and report its port should do that instead.
 */
import { createServer } from "node:net";

/** A port the OS says is free on 127.0.0.1 now: another process may take it before ours listens (see onFreePort). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A server's start failed because its port was taken between freePort() and its listen. */
export class PortTakenError extends Error {}

/** What Node (EADDRINUSE) and PostgreSQL ("could not bind") print when the port is taken. */
export const saysPortTaken = (output: string) => /EADDRINUSE|address already in use|could not bind/i.test(output);

/** Runs `start` on a free port, and again on another one when it throws PortTakenError. */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt >= attempts || !(error instanceof PortTakenError)) throw error;
    }
  }
}
