/**
 * The process's Prometheus registry and the session store's metrics: sessions started and ended, query durations, the
 * PostgreSQL pool. Here rather than in server/ because the store counts its own sessions and db/ cannot import server/;
 * server/metrics.ts adds the request's metrics to the same registry and serves it. No label ever holds a user id, an
 * email or a token: every label value is one of a fixed few.
 */
import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { StoreKind } from "@/lib/store-kind";

/** Why sessions ended: each a way this site (or Google) ends them, never who. */
export type SessionEndReason =
  | "sign_out" // the visitor signed out here
  | "device" // signed out one device from the account page
  | "everywhere" // signed out everywhere (else) from the account page
  | "expired" // past the idle timeout or the absolute lifetime (the sweeper, and the sweep at each sign-in)
  | "cap" // past AUTH_SESSIONS_PER_USER: a new sign-in ended the least recently seen
  | "replaced" // a sign-in in the same browser replaced its previous session
  | "google" // Google's Cross-Account Protection said so
  | "deletion"; // the account was deleted

interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const pools = new Set<PoolLike>();
  const poolGauge = (name: string, help: string, read: (pool: PoolLike) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set([...pools].reduce((sum, pool) => sum + read(pool), 0));
      },
    });
  return {
    registry,
    pools,
    sessionsStarted: new Counter({
      name: "nametag_sessions_started_total",
      help: "Sessions started (one per completed sign-in).",
      registers: [registry],
    }),
    sessionsEnded: new Counter({
      name: "nametag_sessions_ended_total",
      help: "Sessions ended, by reason.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    queryDuration: new Histogram({
      name: "nametag_db_query_duration_seconds",
      help: "Database query duration, by store and outcome.",
      labelNames: ["store", "outcome"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    poolGauges: [
      poolGauge("nametag_db_pool_connections", "PostgreSQL pool connections, open.", (pool) => pool.totalCount),
      poolGauge("nametag_db_pool_idle_connections", "PostgreSQL pool connections, idle.", (pool) => pool.idleCount),
      poolGauge(
        "nametag_db_pool_waiting_requests",
        "Queries waiting for a pool connection.",
        (pool) => pool.waitingCount,
      ),
    ],
  };
}

// One registry per process: Next's bundles (instrumentation, route handlers, pages) each load this module.
const metricsKey = Symbol.for("nametag.metrics");
const holder = globalThis as { [metricsKey]?: ReturnType<typeof createMetrics> };

export function metrics(): ReturnType<typeof createMetrics> {
  return (holder[metricsKey] ??= createMetrics());
}

/** One session started (db/adapter.ts, at sign-in). */
export function countSessionStarted(): void {
  metrics().sessionsStarted.inc();
}

/** `n` sessions ended for `reason`; for whoever ends sessions (none counts nothing). */
export function countSessionsEnded(reason: SessionEndReason, n: number): void {
  if (n > 0) metrics().sessionsEnded.inc({ reason }, n);
}

/** The pool's connections show in the gauges from now on, until it closes. */
export function watchPool(pool: PoolLike): () => void {
  metrics().pools.add(pool);
  return () => void metrics().pools.delete(pool);
}

/** Wraps a client's `query` so that each call is timed; the SQL is never a label. */
export function timeQueries<Client extends { query: (...args: never[]) => unknown }>(client: Client, store: StoreKind) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const { queryDuration } = metrics();
  client.query = (...args: unknown[]) => {
    const stop = queryDuration.startTimer({ store });
    const callback = args.at(-1) as ((error: unknown, ...rest: unknown[]) => unknown) | undefined;
    // pg's pool runs its own `query` on a client in the callback style.
    if (typeof callback === "function")
      return query(...args.slice(0, -1), (error: unknown, ...rest: unknown[]) => {
        stop({ outcome: error ? "error" : "ok" });
        return callback(error, ...rest);
      });
    const result = query(...args);
    if (result instanceof Promise)
      result.then(
        () => stop({ outcome: "ok" }),
        () => stop({ outcome: "error" }),
      );
    else stop({ outcome: "ok" });
    return result;
  };
}
