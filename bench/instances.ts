/**
 * `npm run bench -- --instances 2`: does a second instance serve more signed-in pages? The production build, one
 * throwaway PostgreSQL (with pg_stat_statements, so the database itself counts the queries), the Google stand-in, N
 * `next start` instances and nginx in front with the failover settings of deploy/nginx.conf, as in
 * e2e/failover.spec.ts. Signed-in `/greeting` is loaded through one nginx per instance count (1, 2, … N upstreams),
 * round after round with the order reversed every other round, so outside load hits every count alike; each
 * count's figure is the median of its rounds. Prints a table and writes bench/results/instances-latest.json.
 *
 * On this 2-core machine the load generator, nginx, PostgreSQL and the instances share the cores: the ratio says
 * how much a second instance gains where the cores are already busy, not what two machines would do.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { standInClient } from "../google-stand-in/client";
import { startStandIn } from "../google-stand-in/stand-in";
import { newAuthSecret } from "../lib/secrets";
import { freePort } from "../scripts/free-port";
import { ensurePostgresBinaries, startMigratedPostgres } from "../scripts/postgres-server";
import { spawnGroup, waitForSite, type GroupProcess } from "../scripts/process-group";
import { startNginx, type RunningNginx } from "../scripts/nginx";
import { quietEnv, standInSettings } from "../scripts/site-env";
import { markdownTable, median } from "./budgets";
import { signInOverHttp } from "./sign-in";
import { buildSite } from "./site-server";

interface InstancesSettings {
  instances: number;
  smoke: boolean;
  build: boolean;
}

interface CountResult {
  instances: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Statements PostgreSQL ran per page view (pg_stat_statements' calls over the requests served). */
  queriesPerPageView: number;
  /** Responses other than 200, connection errors and timeouts. */
  unexpected: number;
  rounds: number[];
}

const run = promisify(execFile);
const email = "ada@example.com";

/** `--instances N` (2 or more), or undefined when absent; exits 2 on anything else. */
export function parseInstances(args: string[]): number | undefined {
  const index = args.findIndex((arg) => arg === "--instances" || arg.startsWith("--instances="));
  if (index < 0) return undefined;
  const value = args[index]!.includes("=") ? args[index]!.split("=")[1] : args[index + 1];
  const count = Number(value);
  if (!Number.isInteger(count) || count < 2 || count > 4) {
    console.error(`--instances must be a whole number from 2 to 4 (got ${value ?? "nothing"})`);
    process.exit(2);
  }
  return count;
}

/** A psql query against the throwaway server, its single value. */
async function sql(url: string, query: string): Promise<string> {
  const psql = join(await ensurePostgresBinaries(), "psql");
  const { stdout } = await run(psql, [url, "-XAtc", query], { timeout: 10_000 });
  return stdout.trim();
}

/** Statements the site ran since the last reset (not ours: they name pg_stat_statements). */
const siteStatements = async (url: string) =>
  Number(
    await sql(
      url,
      "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'",
    ),
  );

export async function benchInstances({ instances, smoke, build }: InstancesSettings): Promise<boolean> {
  const timing = { warmupSeconds: smoke ? 1 : 3, durationSeconds: smoke ? 1 : 4, rounds: smoke ? 1 : 4 };
  const connections = 4;
  const loadBefore = loadavg();
  const stops: (() => Promise<void>)[] = [];
  try {
    if (build) {
      const store = { kind: "postgres" as const, description: "", env: {}, stop: async () => {} };
      await buildSite({ port: 0, standInPort: 0, bench: false, store });
    }
    const postgres = await startMigratedPostgres({ settings: ["shared_preload_libraries=pg_stat_statements"] });
    stops.unshift(() => postgres.stop());
    await sql(postgres.url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

    // One proxy per instance count, on ports picked first. The site's one name is the first proxy's: the others are
    // sent that Host (nginx passes it on), as a load balancer in front of them would.
    const counts = Array.from({ length: instances }, (_, index) => index + 1);
    const proxyPorts = await Promise.all(counts.map(() => freePort()));
    const origin = `http://localhost:${proxyPorts[0]}`;
    const standIn = await startStandIn({
      port: 0,
      ...standInClient,
      redirectUris: [`${origin}/api/auth/callback/google`],
    });
    stops.unshift(() => standIn.close());

    const sitePorts = await Promise.all(counts.map(() => freePort()));
    const sharedEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...quietEnv,
      ...standInSettings(standIn),
      AUTH_SECRET: newAuthSecret(),
      DATABASE_URL: postgres.url,
      AUTH_URL: origin,
      // Server actions rendered by one instance may be posted to another: one key for all.
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    };
    const sites: GroupProcess[] = sitePorts.map((port) =>
      spawnGroup(
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
        sharedEnv,
        20_000,
      ),
    );
    stops.unshift(async () => void (await Promise.all(sites.map((site) => site.stop()))));
    await Promise.all(sites.map((site, index) => waitForSite(`http://127.0.0.1:${sitePorts[index]}`, site, 120_000)));

    const proxies: RunningNginx[] = [];
    for (const count of counts)
      proxies.push(
        await startNginx({ port: proxyPorts[count - 1]!, upstreamPorts: sitePorts.slice(0, count), failover: true }),
      );
    stops.unshift(async () => void (await Promise.all(proxies.map((proxy) => proxy.stop()))));
    console.log(`› PostgreSQL, the stand-in, ${instances} instances and ${instances} nginx proxies on loopback`);

    const results: CountResult[] = counts.map((count) => ({
      instances: count,
      requestsPerSecond: 0,
      p50Ms: 0,
      p99Ms: 0,
      queriesPerPageView: 0,
      unexpected: 0,
      rounds: [],
    }));
    const p50s = counts.map((): number[] => []);
    const queries = counts.map(() => ({ statements: 0, requests: 0 }));
    const load = async (count: number, cookie: string, seconds: number) =>
      autocannon({
        url: `http://127.0.0.1:${proxyPorts[count - 1]}/greeting`,
        connections,
        duration: seconds,
        headers: { cookie, host: new URL(origin).host },
      });

    let cookie = (await signInOverHttp(origin, email)).cookieHeader;
    for (const count of counts) await load(count, cookie, timing.warmupSeconds);
    for (let round = 0; round < timing.rounds; round++) {
      // A fresh session each round, as in the page benchmark: autocannon never stores a renewed cookie.
      if (round > 0) cookie = (await signInOverHttp(origin, email)).cookieHeader;
      for (const count of round % 2 === 0 ? counts : [...counts].reverse()) {
        await sql(postgres.url, "SELECT pg_stat_statements_reset()");
        const result = await load(count, cookie, timing.durationSeconds);
        const statements = await siteStatements(postgres.url);
        const entry = results[count - 1]!;
        const ok = Number(result.statusCodeStats?.["200"]?.count ?? 0);
        entry.rounds.push(result.requests.total / result.duration);
        entry.p99Ms = Math.max(entry.p99Ms, result.latency.p99);
        entry.unexpected += result.requests.total - ok + result.errors + result.timeouts;
        p50s[count - 1]!.push(result.latency.p50);
        queries[count - 1]!.statements += statements;
        queries[count - 1]!.requests += result.requests.total;
        console.log(
          `  ${count} instance${count > 1 ? "s" : ""}, round ${round + 1}: ${(result.requests.total / result.duration).toFixed(0)} req/s, ${(statements / Math.max(1, result.requests.total)).toFixed(2)} queries per page view`,
        );
      }
    }
    for (const entry of results) {
      entry.requestsPerSecond = median(entry.rounds);
      entry.p50Ms = median(p50s[entry.instances - 1]!);
      const counted = queries[entry.instances - 1]!;
      entry.queriesPerPageView = counted.statements / Math.max(1, counted.requests);
    }
    const single = results[0]!.requestsPerSecond;
    console.log(
      `\nSigned-in /greeting through nginx, PostgreSQL sessions, ${connections} connections:\n\n${markdownTable(
        ["instances", "req/s", "p50 ms", "p99 ms", "× 1 instance", "queries per page view", "notes"],
        results.map((entry) => [
          String(entry.instances),
          entry.requestsPerSecond.toFixed(0),
          entry.p50Ms.toFixed(1),
          entry.p99Ms.toFixed(1),
          (entry.requestsPerSecond / single).toFixed(2),
          entry.queriesPerPageView.toFixed(2),
          entry.unexpected > 0 ? `${entry.unexpected} unexpected responses` : "",
        ]),
      )}\n`,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown"}, load average ${loadBefore.map((value) => value.toFixed(1)).join("/")} before${smoke ? " (smoke run: too short to judge)" : ""}`,
    );
    const report = {
      date: new Date().toISOString(),
      smoke,
      connections,
      timing,
      machine: { cpus: cpus().length, loadAverageBefore: loadBefore },
      results,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/instances-latest.json", JSON.stringify(report, null, 2));
    console.log("Wrote bench/results/instances-latest.json");
    return results.every((entry) => entry.unexpected === 0);
  } finally {
    for (const stop of stops) await stop();
  }
}
