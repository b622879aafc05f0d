/**
 * Children in process groups of their own, for the test and benchmark harnesses: stopping one stops everything it
 * started (npm, next-server, the stand-in, Chromium), and nothing outlives the process that started it. The one place
 * that signals a process group.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface GroupProcess {
  child: ChildProcess;
  /** The last part of what it printed, for error messages. */
  output: () => string;
  /** SIGTERM to the whole group, SIGKILL if the leader is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const leaders = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of leaders) signalGroup(child, "SIGKILL");
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? 1);
    else child.once("exit", (code) => resolve(code ?? 1));
  });

export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv, logLimit = 200_000): GroupProcess {
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  leaders.add(child);
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-logLimit);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return {
    child,
    output: () => log,
    async stop(graceMs = 5_000) {
      leaders.delete(child);
      signalGroup(child, "SIGTERM");
      const stopped = await Promise.race([
        exited(child).then(() => true),
        new Promise<false>((resolve) => setTimeout(resolve, graceMs, false)),
      ]);
      // npm may be gone while next-server lingers: always clear the whole group.
      signalGroup(child, stopped ? "SIGTERM" : "SIGKILL");
    },
  };
}

/**
 * Stops the group (SIGTERM, SIGKILL 2 s later) and removes `folder` once this process is gone, however it went (even
 * SIGKILL, when no exit handler runs): a shell of its own watches our pid. Returns the function that calls it off.
 */
export function stopWhenParentDies(group: GroupProcess, folder: string): () => void {
  const script =
    'while kill -0 "$0" 2>/dev/null; do sleep 1; done; kill -TERM -"$1" 2>/dev/null; sleep 2; kill -KILL -"$1" 2>/dev/null; rm -rf "$2"';
  const watcher = spawn("sh", ["-c", script, String(process.pid), String(group.child.pid), folder], {
    detached: true,
    stdio: "ignore",
  });
  watcher.unref();
  return () => watcher.kill("SIGKILL");
}

/** Resolves once Auth.js answers at `address`; otherwise stops the process and throws with what it printed. */
export async function waitForSite(address: string, site: GroupProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (site.child.exitCode !== null) {
      await site.stop();
      throw new Error(`the server exited (${site.child.exitCode}) before answering:\n${site.output()}`);
    }
    // A redirect counts too: the site sends every other name for it (127.0.0.1 for localhost) to its canonical one.
    const up = await fetch(`${address}/api/auth/providers`, {
      redirect: "manual",
      signal: AbortSignal.timeout(2_000),
    }).then(
      (response) => response.ok || response.status === 308,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await site.stop();
  throw new Error(`the server at ${address} did not answer within ${timeoutMs / 1000} s:\n${site.output()}`);
}
