/**
 * Every change this site makes to Node's own objects, installed once from instrumentation.ts, each for a reason Next
 * leaves no other place for:
 * - `http.Server.prototype.emit`: each request gets the client address resolved from its socket, in a header only the
 *   server can write (server/request-address.ts), since route handlers and pages see headers, never the socket; and,
 *   with METRICS_TOKEN, a timer from its arrival to its last byte (server/metrics.ts), which no Next hook spans;
 * - `ServerResponse.prototype.setHeader`: `Vary: Cookie` on `/`, whose answer the middleware picks by cookie (below);
 * - `ServerResponse.prototype.writeHead` and `process.exit`, after SIGTERM only: `Connection: close` on every answer
 *   and a bounded drain with close hooks before the exit (server/shutdown.ts).
 */
import "server-only";
import { ServerResponse } from "node:http";
import { trustedProxies } from "@/config/env";
import { trustProxies } from "./client-address";
import { installRequestMetrics } from "./metrics";
import { installClientAddress } from "./request-address";
import { installGracefulShutdown } from "./shutdown";

export function installProcessPatches(): void {
  installClientAddress(trustProxies(trustedProxies));
  installRequestMetrics();
  varyOnCookie();
  installGracefulShutdown();
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
