/**
 * Graceful stop on SIGTERM. Next's own handler (next start and the standalone server.js, start-server.js) already
 * stops accepting connections and waits for in-flight requests, then calls process.exit(143). We add what it lacks:
 * a bound on that wait, the close hooks registered here (the database pool), and exit code 0 for a requested stop.
 */
import "server-only";
import { ServerResponse } from "node:http";
import { logEvents } from "@/server/log";

type CloseHook = () => Promise<void> | void;

const hooks: { name: string; close: CloseHook }[] = [];
let installed = false;
let stopping = false;

/** True once SIGTERM arrived: readiness turns 503 so a balancer stops sending visitors here. */
export const shuttingDown = () => stopping;

/** Runs `close` once at shutdown, after in-flight requests are done (or the drain bound has passed). */
export function onShutdown(name: string, close: CloseHook): void {
  hooks.push({ name, close });
}

/** Runs every hook, each bounded, in the reverse order of registration (later resources may use earlier ones). */
export async function runShutdownHooks(boundMs = 5_000): Promise<void> {
  for (const { name, close } of hooks.splice(0).reverse()) {
    const outcome = await Promise.race([
      Promise.resolve()
        .then(close)
        .then(
          () => "closed" as const,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      new Promise<"timed out">((resolve) => setTimeout(resolve, boundMs, "timed out").unref()),
    ]);
    logEvents.shutdown("closed", { hook: name, outcome });
  }
}

/**
 * Next stops accepting connections, but a proxy's kept-alive connection that is busy at that moment would go on
 * carrying requests until the drain bound: every answer from now on says `Connection: close`, so each such connection
 * ends after its current request and the proxy opens the next one to another instance.
 */
function closeKeptAliveConnections(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const writeHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!this.headersSent) this.setHeader("connection", "close");
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/**
 * Started by `npm start`, the server holds an IPC channel to its launcher, which runs the stand-in and carries the
 * log: if the launcher dies (even by SIGKILL) the channel closes, and the server stops as on SIGTERM rather than go on
 * holding the port with its output going nowhere.
 */
function stopWithLauncher(): void {
  if (!process.channel) return;
  process.channel.unref();
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}

/** Installed once, from instrumentation.ts, in the Node.js server process. */
export function installGracefulShutdown({ drainMs = 10_000 }: { drainMs?: number } = {}): void {
  if (installed) return;
  installed = true;
  stopWithLauncher();
  process.once("SIGTERM", () => {
    stopping = true;
    closeKeptAliveConnections();
    logEvents.shutdown("started", { drainMs });
    const exit = process.exit.bind(process);
    let finishing = false;
    const finish = (drained: boolean) => {
      if (finishing) return;
      finishing = true;
      logEvents.shutdown(drained ? "drained" : "drain_timed_out");
      void runShutdownHooks().finally(() => exit(0));
    };
    // Next calls process.exit once its server has closed: that is the moment every in-flight request is done.
    process.exit = ((code?: number | string | null) =>
      finishing ? exit(code ?? undefined) : finish(true)) as typeof process.exit;
    setTimeout(() => finish(false), drainMs).unref();
    // Without Next's handler (NEXT_MANUAL_SIG_HANDLE set) nothing else calls exit: the bound above still ends the process.
  });
}
