/**
 * `npm run bench`: the production server under load, judged against the budgets of issues 4 and 9 (bench/budgets.ts).
 *
 * It builds the site with the benchmark's reference pages (BENCH=1; the middleware does not run on them, so they
 * measure Next.js alone), prepares a session store of its own (`--database embedded`, the default: PGlite in a fresh
 * temp folder; `--database postgres`: a throwaway PostgreSQL on loopback, migrated with `npm run db:migrate`; the
 * developer's data is never touched), starts the site as `npm start` does (with the Google
 * stand-in) on 127.0.0.1:$BENCH_PORT (default 3500; the stand-in on the next port; `localhost` is 127.0.0.1), signs in once over plain HTTP
 * for a real session cookie, then measures each page with autocannon and the full sign-in round trip, prints the
 * tables and writes bench/results/latest.json (and a dated copy). Everything it started is stopped, even on error.
 *
 * Settings, chosen for a 2-core machine that the load generator shares with the server:
 * - 2 connections, no pipelining: Next renders on one JavaScript thread, and autocannon needs most of the other
 *   core. One connection leaves the server idle while the client reads; more than two only queue requests
 *   (latency grows, requests/s does not).
 * - warm-up: 3 s per page before anything is recorded, so route modules are loaded and the JIT has run.
 * - 5 rounds × 3 s per page, every other round in reverse order, each page next to its reference. A ratio is the
 *   median of the rounds' ratios: on a shared machine a burst of outside load then hits a page and its reference
 *   alike (figures are medians of the rounds, p99 the worst). next-server's CPU time per request is recorded too:
 *   other work on the machine slows requests/s but hardly changes it, so it tells noise from real cost.
 * - Plain GETs without Accept-Encoding: compression costs the same for every page and would only add noise.
 * - Sign-ins: 10 visitors, each doing complete round trips one after another for 10 s.
 * Only ratios within one run are meaningful when other work shares the machine; absolute figures are noisy.
 *
 * Flags: --smoke (1 round of 1 s, a few seconds of sign-ins: checks the harness, not the budgets),
 * --no-build (reuse the last BENCH=1 build), --check (exit 1 when a budget is missed),
 * --database embedded|postgres (the session store, default embedded), --instances N (2–4: signed-in pages through
 * nginx in front of 1…N instances on PostgreSQL, bench/instances.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import autocannon from "autocannon";
import {
  budgets,
  checkBudgets,
  cpuMsPerRequest,
  kib,
  markdownTable,
  median,
  ratio,
  requestsPerSecond,
  type Round,
  type ScenarioId,
  type Throughput,
} from "./budgets";
import { firstLoadJs } from "./js-size";
import { textOf } from "./browserless";
import { signInOverHttp } from "./sign-in";
import { storeKinds, type StoreKind } from "../lib/store-kind";
import { benchInstances, parseInstances } from "./instances";
import { buildSite, runMeasurement, startSessionStore, startSite, type Site } from "./site-server";
import { sessionCookieName } from "../lib/auth-cookies";

const flags = new Set(process.argv.slice(2));
const smoke = flags.has("--smoke");
const storeKind = parseStore(process.argv.slice(2));
const settings = {
  connections: 2,
  warmupSeconds: smoke ? 1 : 3,
  durationSeconds: smoke ? 1 : 3,
  rounds: smoke ? 1 : 5,
  signInConcurrency: budgets.signInConcurrency,
  signInSeconds: smoke ? 3 : 10,
};
const port = Number(process.env.BENCH_PORT ?? 3500);
const email = "ada@example.com";

interface Scenario {
  id: ScenarioId;
  label: string;
  path: string;
  withSession: boolean;
  /** Sent instead of the session: a cookie that only pretends to be one. */
  forgedCookie?: string;
  status: number;
  /** What the response must hold, checked once before the load. */
  expect: (body: string, headers: Headers) => boolean;
}

const scenarios: Scenario[] = [
  // No Content-Security-Policy: the middleware (which sets one on every page it runs on) stayed out of the references.
  {
    id: "static",
    label: "static reference (/bench/static)",
    path: "/bench/static",
    withSession: false,
    status: 200,
    expect: (html, headers) => html.includes("Static reference") && !headers.has("content-security-policy"),
  },
  {
    id: "dynamic",
    label: "dynamic reference (/bench/dynamic)",
    path: "/bench/dynamic",
    withSession: true,
    status: 200,
    expect: (html, headers) =>
      /Session cookie: \d+ characters/.test(textOf(html)) && !headers.has("content-security-policy"),
  },
  {
    id: "home-signed-out",
    label: "/ signed out",
    path: "/",
    withSession: false,
    status: 200,
    expect: (html) => html.includes("Sign in with Google"),
  },
  // Well formed, MAC'd under another secret: the middleware refuses it without the database and serves the prerendered page.
  {
    id: "home-forged-cookie",
    label: "/ with a forged session cookie",
    path: "/",
    withSession: false,
    forgedCookie: `${sessionCookieName(false)}=${"A".repeat(43)}.${"B".repeat(43)}`,
    status: 200,
    expect: (html) => html.includes("Sign in with Google"),
  },
  {
    id: "home-signed-in",
    label: "/ signed in",
    path: "/",
    withSession: true,
    status: 200,
    expect: (html) => textOf(html).includes(email),
  },
  {
    id: "greeting-signed-in",
    label: "/greeting signed in",
    path: "/greeting",
    withSession: true,
    status: 200,
    expect: (html) => textOf(html).includes(`Hello, ${email}!`),
  },
  {
    id: "greeting-redirect",
    label: "/greeting signed out (redirect)",
    path: "/greeting",
    withSession: false,
    status: 307,
    expect: (_, headers) => headers.get("location")?.startsWith("/signin?") === true,
  },
];
// Each reference between the pages judged against it, so that every pair runs back to back, in both directions.
const runOrder: ScenarioId[] = [
  "home-signed-out",
  "static",
  "home-forged-cookie",
  "greeting-redirect",
  "greeting-signed-in",
  "dynamic",
  "home-signed-in",
];

interface Measured extends Throughput {
  rounds: (Round & { p50Ms: number })[];
  /** Responses with another status than expected, plus connection errors and timeouts. */
  unexpected: number;
  prerendered: boolean;
  setsCookie: boolean;
}

const requestCookie = (scenario: Scenario, session: string): Record<string, string> =>
  scenario.forgedCookie ? { cookie: scenario.forgedCookie } : scenario.withSession ? { cookie: session } : {};

async function probe(
  site: Site,
  scenario: Scenario,
  cookie: string,
): Promise<Pick<Measured, "prerendered" | "setsCookie">> {
  const response = await fetch(new URL(scenario.path, site.address), {
    headers: requestCookie(scenario, cookie),
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  if (response.status !== scenario.status || !scenario.expect(body, response.headers))
    throw new Error(
      `${scenario.label}: got ${response.status} without the expected content (or with the middleware's CSP on a reference); the benchmark would measure the wrong page`,
    );
  return {
    prerendered: response.headers.has("x-nextjs-prerender"),
    setsCookie: response.headers.getSetCookie().length > 0,
  };
}

async function load(site: Site, scenario: Scenario, cookie: string, seconds: number) {
  const cpuBefore = site.serverCpuSeconds();
  const result = await autocannon({
    url: new URL(scenario.path, site.address).href,
    connections: settings.connections,
    duration: seconds,
    headers: requestCookie(scenario, cookie),
  });
  const expected = Number(
    result.statusCodeStats?.[String(scenario.status) as keyof typeof result.statusCodeStats]?.count ?? 0,
  );
  return {
    requestsPerSecond: result.requests.total / result.duration,
    cpuMsPerRequest: ((site.serverCpuSeconds() - cpuBefore) * 1000) / result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    unexpected: result.requests.total - expected + result.errors + result.timeouts,
  };
}

async function measurePages(site: Site, firstCookie: string): Promise<Record<ScenarioId, Measured>> {
  const measured = {} as Record<ScenarioId, Measured>;
  let cookie = firstCookie;
  for (const scenario of scenarios) {
    measured[scenario.id] = { ...(await probe(site, scenario, cookie)), p50Ms: 0, p99Ms: 0, rounds: [], unexpected: 0 };
    await load(site, scenario, cookie, settings.warmupSeconds);
  }
  for (let round = 0; round < settings.rounds; round++) {
    // A fresh session each round: autocannon never stores the renewed cookie a browser would, so an old one would
    // make middleware renew it on every request once its renew-at time passed.
    if (round > 0) cookie = (await signInOverHttp(site.origin, email)).cookieHeader;
    for (const id of round % 2 === 0 ? runOrder : [...runOrder].reverse()) {
      const scenario = scenarios.find((candidate) => candidate.id === id)!;
      const result = await load(site, scenario, cookie, settings.durationSeconds);
      const entry = measured[scenario.id];
      entry.rounds.push({
        requestsPerSecond: result.requestsPerSecond,
        cpuMsPerRequest: result.cpuMsPerRequest,
        p50Ms: result.p50Ms,
      });
      entry.p99Ms = Math.max(entry.p99Ms, result.p99Ms);
      entry.unexpected += result.unexpected;
      process.stdout.write(
        `  ${scenario.label.padEnd(36)} round ${round + 1}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuMsPerRequest.toFixed(2)} CPU ms/req\n`,
      );
    }
  }
  for (const entry of Object.values(measured)) entry.p50Ms = median(entry.rounds.map((round) => round.p50Ms));
  return measured;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** `concurrency` visitors signing in one round trip after another, for `seconds`. */
async function measureSignIns(site: Site) {
  const durations: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const deadline = started + settings.signInSeconds * 1000;
  let requests = 0;
  await Promise.all(
    Array.from({ length: settings.signInConcurrency }, async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        try {
          const signedIn = await signInOverHttp(site.origin, email);
          requests += signedIn.requests;
          durations.push(performance.now() - begun);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    concurrency: settings.signInConcurrency,
    completed: durations.length,
    errors: errors.length,
    firstErrors: [...new Set(errors)].slice(0, 3),
    perSecond: durations.length / seconds,
    httpRequestsPerSignIn: durations.length > 0 ? requests / durations.length : 0,
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
  };
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

/** `--database postgres` or `--database=postgres`; embedded when absent. */
function parseStore(args: string[]): StoreKind {
  const index = args.findIndex((arg) => arg === "--database" || arg.startsWith("--database="));
  if (index < 0) return "embedded";
  const value = args[index]!.includes("=") ? args[index]!.split("=")[1] : args[index + 1];
  const store = storeKinds.find((kind) => kind === value);
  if (!store) {
    console.error(`--database must be one of ${storeKinds.join(", ")} (got ${value ?? "nothing"})`);
    process.exit(2);
  }
  return store;
}

/** next-server, the Node process running scripts/site.ts (and the stand-in), and the npm/tsx wrappers. */
function processName(command: string): string {
  if (command.startsWith("next-server")) return "next-server";
  if (command.includes("--import") && command.includes("scripts/site.ts")) return "site.ts with the stand-in";
  return command
    .split(" ")
    .slice(0, 2)
    .map((part) => part.split("/").at(-1))
    .join(" ");
}

async function main(): Promise<boolean> {
  const loadBefore = loadavg();
  const store = await startSessionStore(storeKind);
  let site: Site | undefined;
  try {
    const siteOptions = { port, standInPort: port + 1, bench: true, store };
    if (!flags.has("--no-build")) await buildSite(siteOptions);
    site = await startSite(siteOptions);
    console.log(`› Session store: ${store.description}`);
    const signedIn = await signInOverHttp(site.origin, email);
    const cookieNames = signedIn.cookieHeader.split("; ").map((cookie) => cookie.split("=")[0]);
    console.log(
      `› Signed in as ${email} over HTTP (${signedIn.requests} requests; cookies ${cookieNames.join(", ")}); measuring${smoke ? " (smoke run)" : ""}…`,
    );
    const pages = await measurePages(site, signedIn.cookieHeader);
    console.log("› Sign-in round trips…");
    const signIns = await measureSignIns(site);
    const memory = site.memory();
    const js = firstLoadJs(["/", "/greeting"]);
    const jsGzipBytes = { "/": js[0]!.gzipBytes, "/greeting": js[1]!.gzipBytes };

    const rows = scenarios.map(({ id, label }) => {
      const page = pages[id];
      const notes = [
        page.prerendered ? "prerendered" : "",
        page.setsCookie ? "sets a cookie" : "",
        page.unexpected > 0 ? `${page.unexpected} unexpected responses` : "",
      ];
      return [
        label,
        fixed(requestsPerSecond(page)),
        fixed(page.p50Ms, 1),
        fixed(page.p99Ms, 1),
        fixed(ratio(page, pages.static), 2),
        fixed(ratio(page, pages.dynamic), 2),
        fixed(cpuMsPerRequest(page), 2),
        notes.filter(Boolean).join(", "),
      ];
    });
    rows.push([
      `full sign-ins (${signIns.concurrency} concurrent)`,
      fixed(signIns.perSecond, 1),
      fixed(signIns.p50Ms, 0),
      fixed(signIns.p99Ms, 0),
      fixed(signIns.perSecond / requestsPerSecond(pages.static), 3),
      fixed(signIns.perSecond / requestsPerSecond(pages.dynamic), 3),
      "",
      `${signIns.errors} errors, ${signIns.completed} done, ${fixed(signIns.httpRequestsPerSignIn, 0)} requests each`,
    ]);
    const checks = checkBudgets({ store: store.kind, throughput: pages, signIns, jsGzipBytes });
    const server = memory.find((entry) => entry.command.startsWith("next-server"));

    console.log(`\nSession store: ${store.description}`);
    console.log(
      `\n${markdownTable(["page", "req/s", "p50 ms", "p99 ms", "× static", "× dynamic", "CPU ms/req", "notes"], rows)}\n`,
    );
    console.log(
      markdownTable(
        ["budget", "measured", "target", "result"],
        checks.map((check) => [check.budget, check.measured, check.target, check.pass ? "PASS" : "FAIL"]),
      ),
    );
    console.log(
      `\nJavaScript, first load (gzip): ${js.map((entry) => `${entry.route} ${fixed(kib(entry.gzipBytes), 1)} KiB in ${entry.chunks} files`).join("; ")}`,
    );
    console.log(
      `Resident memory after the run: ${memory.map((entry) => `${processName(entry.command)} ${fixed(entry.rssMiB)} MiB`).join(", ")}`,
    );
    if (signIns.firstErrors.length > 0) console.log(`Sign-in errors: ${signIns.firstErrors.join(" | ")}`);
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
    };
    console.log(
      `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${loadBefore.map((value) => fixed(value, 1)).join("/")} before`,
    );

    const passed = checks.every((check) => check.pass);
    console.log(
      `\n${
        passed
          ? "All budgets met."
          : `Budgets missed: ${checks
              .filter((check) => !check.pass)
              .map((check) => check.budget)
              .join("; ")}.`
      }${smoke ? " (Smoke run: too short to judge.)" : ""}`,
    );
    const pageSummaries = Object.fromEntries(
      scenarios.map(({ id, label, path }) => {
        const page = pages[id];
        const summary = {
          label,
          path,
          requestsPerSecond: requestsPerSecond(page),
          cpuMsPerRequest: cpuMsPerRequest(page),
          vsStatic: ratio(page, pages.static),
          vsDynamic: ratio(page, pages.dynamic),
        };
        return [id, { ...summary, ...page }];
      }),
    );
    const report = {
      date: new Date().toISOString(),
      smoke,
      store: { kind: store.kind, description: store.description },
      settings,
      machine,
      pages: pageSummaries,
      signIns,
      js,
      budgets: checks,
      memory,
      nextServerRssMiB: server?.rssMiB,
    };
    mkdirSync("bench/results", { recursive: true });
    const json = JSON.stringify(report, null, 2);
    writeFileSync(`bench/results/bench-${store.kind}-${report.date.replaceAll(":", "-")}.json`, json);
    writeFileSync("bench/results/latest.json", json);
    writeFileSync(`bench/results/latest-${store.kind}.json`, json);
    console.log(`Wrote bench/results/latest.json and latest-${store.kind}.json`);
    return passed;
  } finally {
    // The site first: it holds connections to the store.
    await site?.stop();
    await store.stop();
  }
}

const instances = parseInstances(process.argv.slice(2));
runMeasurement(instances ? () => benchInstances({ instances, smoke, build: !flags.has("--no-build") }) : main, flags);
