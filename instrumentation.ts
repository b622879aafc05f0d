import type { Instrumentation } from "next";

/**
 * Runs once when the server starts: a bad environment stops it here, with a message naming the variable; so do a
 * build that was never sealed and an embedded store that another process holds. The embedded store is created and
 * migrated now, not on the first visit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logEvents } = await import("@/server/log");
    let stopTracing: (() => Promise<void>) | undefined;
    try {
      const { env } = await import("@/config/env");
      // Loaded only when asked for: without an endpoint, tracing costs nothing (lib/spans.ts's spans record nothing).
      if (env.OTEL_EXPORTER_OTLP_ENDPOINT) stopTracing = await (await import("@/server/tracing")).startTracing(env);
      if (env.NODE_ENV === "production") {
        const problem = (await import("@/build/prerendered-pages")).unsealedBuildProblem();
        if (problem) throw new Error(problem);
      }
      // First, before the store opens: requests Next takes meanwhile carry no address, so they show none.
      (await import("@/server/process-patches")).installProcessPatches();
      if (!env.DATABASE_URL) await (await import("@/db/client")).store();
    } catch (error) {
      logEvents.configError((error as Error).message);
      // The same message, readable, for whoever started the server by hand.
      console.error(`\n✗ ${(error as Error).message}\n`);
      process.exit(1);
    }
    const { onShutdown } = await import("@/server/shutdown");
    // Registered first, so it runs last: the spans of the final requests still go out.
    if (stopTracing) onShutdown("traces", stopTracing);
    // After the last request: the pool's connections end cleanly, the embedded store is flushed and released.
    onShutdown("session store", async () => (await import("@/db/client")).closeStore());
    // Registered after the store, so it stops first (hooks run in reverse).
    onShutdown("session sweeper", (await import("@/server/session-sweeper")).startSessionSweeper());
  }
}

/** Every error Next catches while answering: one log line, with the proxy's request id or one of our own. */
export const onRequestError: Instrumentation.onRequestError = async (error, request) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A page that could not reach the store: logged where it happened (summed up when repeated), not once per request.
  if ((await import("@/server/store-outage")).isStoreUnavailable(error)) return;
  const { logEvents, requestIdFrom } = await import("@/server/log");
  logEvents.requestError(error, {
    path: request.path.split("?")[0] ?? "/",
    method: request.method,
    requestId: requestIdFrom(request.headers["x-request-id"]),
  });
};
