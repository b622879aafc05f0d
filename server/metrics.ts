/**
 * Prometheus metrics at /api/metrics, off unless METRICS_TOKEN is set: request durations by route and status,
 * sign-ins by outcome and reason, rate-limit refusals, and (db/metrics.ts, the same registry) sessions, queries, the
 * pool and Node's own. Labels hold route patterns and fixed words only: never a path, a user, an email or a token.
 */
import "server-only";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { Counter, Histogram } from "prom-client";
import { appRoutes } from "@/build/app-routes";
import { env } from "@/config/env";
import { metrics } from "@/db/metrics";
import { routeTable } from "@/lib/route-pattern";
import { bearerMatches } from "@/lib/secrets";
import type { SignInErrorCode } from "@/lib/sign-in-problems";

function createRequestMetrics() {
  const registers = [metrics().registry];
  return {
    requestDuration: new Histogram({
      name: "nametag_http_request_duration_seconds",
      help: "Time to answer a request, by method, route pattern and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    signIns: new Counter({
      name: "nametag_sign_ins_total",
      help: "Sign-ins that finished, by outcome and (for failures) the reason the error page gives.",
      labelNames: ["outcome", "reason"] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: "nametag_rate_limited_total",
      help: "Requests refused by a rate limit, by limit.",
      labelNames: ["limit"] as const,
      registers,
    }),
  };
}

const requestMetricsKey = Symbol.for("nametag.request-metrics");
const holder = globalThis as { [requestMetricsKey]?: ReturnType<typeof createRequestMetrics> };
const requestMetrics = () => (holder[requestMetricsKey] ??= createRequestMetrics());

/** A finished sign-in: a new session, or the error page with its reason (lib/sign-in-problems.ts). */
export function countSignIn(outcome: { ok: true } | { ok: false; reason: SignInErrorCode }): void {
  requestMetrics().signIns.inc(
    outcome.ok ? { outcome: "success", reason: "" } : { outcome: "failure", reason: outcome.reason },
  );
}

/** One request refused by `limit` (a fixed name such as `sign_in`, never the key it counted by). */
export function countRateLimited(limit: string): void {
  requestMetrics().rateLimited.inc({ limit });
}

const methods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * From instrumentation.ts, only when metrics are on: times every request the Node server takes, from its arrival to
 * the last byte, under the route Next's build says it reached.
 */
export function installRequestMetrics(): void {
  if (!env.METRICS_TOKEN) return;
  const routes = routeTable(appRoutes());
  const { requestDuration } = requestMetrics();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const emit: (this: Server, event: string, ...args: unknown[]) => boolean = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      const stop = requestDuration.startTimer();
      response.once("close", () =>
        stop({
          method: methods.has(request.method ?? "") ? request.method : "other",
          route: routes.match((request.url ?? "/").split("?")[0] ?? "/"),
          status: String(response.statusCode),
        }),
      );
    }
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;
}

/** The scrape: 404 while metrics are off, 401 without the token, the text format otherwise; never cached. */
export async function metricsResponse(authorization: string | null, token = env.METRICS_TOKEN): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (token === undefined) return new Response("Not found.", { status: 404, headers });
  if (!bearerMatches(authorization, token))
    return new Response("Unauthorized.", {
      status: 401,
      headers: { ...headers, "www-authenticate": 'Bearer realm="metrics"' },
    });
  requestMetrics();
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { ...headers, "content-type": registry.contentType } });
}
