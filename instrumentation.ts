import type { Instrumentation } from "next";

/** Runs once when the server starts: a bad environment stops it here, with a message naming the variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logEvents } = await import("@/lib/log");
    try {
      await import("@/lib/env");
    } catch (error) {
      logEvents.configError((error as Error).message);
      // The same message, readable, for whoever started the server by hand.
      console.error(`\n✗ ${(error as Error).message}\n`);
      process.exit(1);
    }
    const { installGracefulShutdown } = await import("@/lib/shutdown");
    installGracefulShutdown();
  }
}

/** Every error Next catches while answering: one log line, with the proxy's request id or one of our own. */
export const onRequestError: Instrumentation.onRequestError = async (error, request) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logEvents } = await import("@/lib/log");
  const header = request.headers["x-request-id"];
  const requestId = (Array.isArray(header) ? header[0] : header) ?? crypto.randomUUID();
  logEvents.requestError(error, { path: request.path.split("?")[0] ?? "/", method: request.method, requestId });
};
