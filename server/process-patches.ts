/**
 * Every change this site makes to Node's own objects, installed once from instrumentation.ts, each for a reason Next
 * leaves no other place for:
 * - `http.Server.prototype.emit`: each request gets the client address resolved from its socket, in a header only the
 *   server can write (server/request-address.ts), since route handlers and pages see headers, never the socket; and,
 *   with METRICS_TOKEN, a timer from its arrival to its last byte (server/metrics.ts), which no Next hook spans;
 * - `ServerResponse.prototype.setHeader`: `Vary: Cookie` on `/`, whose answer the middleware picks by cookie (below);
 * - `ServerResponse.prototype.writeHead` and `process.exit`, after SIGTERM only: `Connection: close` on every answer
 *   and a bounded drain with close hooks before the exit (server/shutdown.ts);
 * - `http.Server.prototype.emit` again: each request carries a key to its response, so a page that cannot reach the
 *   database can have it answered with a 503 (server/store-outage.ts);
 * - `console.error` and `console.warn`, in production: Next's multi-line dumps (stack, drizzle's query and its
 *   parameters; a "Read more" line for a server action id it does not know) become one JSON line each, identical ones
 *   summed up (server/log.ts `logRepeated`), so a visitor sending bogus requests cannot flood the log.
 */
import "server-only";
import { ServerResponse } from "node:http";
import { format } from "node:util";
import { trustedProxies } from "@/config/env";
import { storeFailureReason } from "@/db/errors";
import { trustProxies } from "./client-address";
import { installRequestMetrics } from "./metrics";
import { installClientAddress } from "./request-address";
import { logRepeated } from "./log";
import { installGracefulShutdown } from "./shutdown";
import { installOutageAnswers, isStoreUnavailable } from "./store-outage";

export function installProcessPatches(): void {
  installClientAddress(trustProxies(trustedProxies));
  installOutageAnswers();
  installRequestMetrics();
  varyOnCookie();
  installGracefulShutdown();
  if (process.env.NODE_ENV === "production") oneLineConsole();
}

/**
 * What Next (and a library) print with console.error or console.warn, as one JSON line: the error's own reason, first
 * line only (never drizzle's message, which carries the query's parameters), and none for a store failure already
 * logged where it happened.
 */
function oneLineConsole(): void {
  const oneLine =
    (level: "error" | "warn", event: string) =>
    (...args: unknown[]) => {
      if (args.some(isStoreUnavailable)) return;
      const error = args.find((argument): argument is Error => argument instanceof Error);
      const message = (error ? storeFailureReason(error) : format(...args)).trim().split("\n")[0];
      logRepeated(level, event, { message, ...(error && { errorClass: error.name }) });
    };
  console.error = oneLine("error", "server_error");
  console.warn = oneLine("warn", "server_warning");
}

/** Paths whose answer middleware picks by cookie (`/`: the static home page, or the personal one). */
const pathsChosenByCookie = new Set(["/"]);

const hasCookie = (vary: string) => vary.split(",").some((field) => field.trim().toLowerCase() === "cookie");

/**
 * Adds `Cookie` to the Vary header of the paths middleware serves by cookie, so a shared cache keeps one copy per
 * Cookie header. Next sets Vary itself as it renders an app page, replacing whatever middleware or next.config.ts
 * headers said, so the only place left is the header write itself.
 */
function varyOnCookie(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const setHeader = ServerResponse.prototype.setHeader;
  ServerResponse.prototype.setHeader = function (
    this: ServerResponse,
    name: string,
    value: number | string | readonly string[],
  ) {
    const path = this.req?.url?.split("?")[0];
    if (name.toLowerCase() === "vary" && path !== undefined && pathsChosenByCookie.has(path)) {
      const vary = Array.isArray(value) ? value.join(", ") : String(value);
      return setHeader.call(this, name, hasCookie(vary) ? vary : `${vary}, Cookie`);
    }
    return setHeader.call(this, name, value);
  };
}
