import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import { exited } from "../scripts/process-group";
import { startWithStandIn } from "./servers";

/** The processes whose parent is `pid`. */
const childrenOf = (pid: number) =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether this process could listen on the port now. */
const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

test("killing `npm start`'s launcher (which runs the stand-in) stops the server too: the port is free again", async () => {
  const site = await startWithStandIn({});
  try {
    // tsx → the launcher (scripts/site.ts, with the stand-in in it) → next-server.
    const [launcher] = childrenOf(site.process.child.pid!);
    const [server] = childrenOf(launcher!);
    expect(server, "next-server runs under the launcher").toBeDefined();
    expect((await fetch(`${site.url}/api/health`)).status).toBe(200);

    process.kill(launcher!, "SIGKILL");
    await exited(site.process.child);
    await expect.poll(() => isAlive(server!), { timeout: 15_000 }).toBe(false);
    expect(await portIsFree(site.port)).toBe(true);
  } finally {
    await site.stop();
  }
});
