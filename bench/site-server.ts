/**
 * Builds and starts the production site for the benchmark and Lighthouse, exactly as a user does (`npm run build`,
 * `npm start`, which brings up the Google stand-in), on 127.0.0.1 only, in its own process group so that stopping it
 * stops everything it started. Its sessions go to a store of the run's own (startSessionStore), never the developer's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePostgresBinaries, startMigratedPostgres } from "../scripts/postgres-server";
import { exited, spawnGroup, waitForSite, type GroupProcess } from "../scripts/process-group";
import { newAuthSecret } from "../lib/secrets";
import type { StoreKind } from "../lib/store-kind";
import { generousRateLimits } from "../scripts/site-env";

/** Where the site keeps its sessions during a run: never the developer's own data. */
export interface SessionStore {
  kind: StoreKind;
  /** For the table and the JSON report. */
  description: string;
  /** DATABASE_URL for Postgres, PGLITE_DIR for the embedded store: exactly one is set. */
  env: { DATABASE_URL?: string; PGLITE_DIR?: string };
  stop(): Promise<void>;
}

export interface SiteOptions {
  port: number;
  standInPort: number;
  /** Include the benchmark's reference pages (a BENCH=1 build). */
  bench: boolean;
  store: SessionStore;
}

interface ProcessMemory {
  pid: number;
  command: string;
  rssMiB: number;
}

export interface Site {
  /** The canonical origin (AUTH_URL), as a visitor types it: sign-in only works there. */
  origin: string;
  /** Where the load goes: the canonical origin too, since the site redirects every other name for it. */
  address: string;
  /** Resident memory of the server's processes, read from /proc (Linux). */
  memory(): ProcessMemory[];
  /** CPU time next-server has used so far, in seconds (Linux; NaN elsewhere). */
  serverCpuSeconds(): number;
  stop(): Promise<void>;
}

const startTimeoutMs = 180_000;
const logLimit = 20_000;

function siteEnvironment({ port, standInPort, bench, store }: SiteOptions): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    GOOGLE_STAND_IN_PORT: String(standInPort),
    // The stand-in, whatever .env.local says, with a throwaway secret (also keeps `npm start` from writing .env.local).
    AUTH_GOOGLE_ID: "",
    AUTH_SECRET: newAuthSecret(),
    // As `npm start` sets it. Not 127.0.0.1: Next rewrites loopback addresses to `localhost` in route handlers' URLs,
    // so the callback would present another redirect URI than the sign-in did.
    AUTH_URL: `http://localhost:${port}`,
    // Every visitor of the run comes from 127.0.0.1: at the default limits the concurrent sign-ins would be refused
    // after 30. The limiter still runs, so its cost is measured.
    ...generousRateLimits,
  };
  if (bench) environment.BENCH = "1";
  else delete environment.BENCH;
  // Only the run's own store, whatever the developer's shell or .env.local points at.
  delete environment.DATABASE_URL;
  delete environment.PGLITE_DIR;
  return { ...environment, ...store.env };
}

/**
 * The embedded store in a fresh temp folder (removed by `stop`), or a throwaway PostgreSQL server on loopback,
 * migrated with `npm run db:migrate` as a deployment would be.
 */
export async function startSessionStore(kind: StoreKind): Promise<SessionStore> {
  if (kind === "embedded") {
    const dir = mkdtempSync(join(tmpdir(), "bench-pglite-"));
    return {
      kind,
      description: "embedded (PGlite, fresh temp folder)",
      env: { PGLITE_DIR: dir },
      stop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const started = Date.now();
  const postgres = await startMigratedPostgres();
  const version = execFileSync(
    join(await ensurePostgresBinaries(), "psql"),
    [postgres.url, "-XAtc", "SHOW server_version"],
    { encoding: "utf8" },
  )
    .trim()
    .split(" ")[0];
  console.log(
    `› Started PostgreSQL ${version} on loopback and migrated it in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    kind,
    description: `PostgreSQL ${version} on loopback (throwaway, fsync off)`,
    env: { DATABASE_URL: postgres.url },
    stop: () => postgres.stop(),
  };
}

/** An npm script in its own process group; its output is kept and shown only if it fails. */
const runNpm = (args: string[], environment: NodeJS.ProcessEnv): GroupProcess =>
  spawnGroup("npm", args, environment, logLimit);

export async function buildSite(options: SiteOptions): Promise<void> {
  const started = Date.now();
  const build = runNpm(["run", "build"], siteEnvironment(options));
  const code = await exited(build.child);
  if (code !== 0) throw new Error(`npm run build failed (exit ${code}):\n${build.output()}`);
  console.log(
    `› Built the site${options.bench ? " with the reference pages (BENCH=1)" : ""} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** `npm start -- -H 127.0.0.1`; resolves once Auth.js answers. */
export async function startSite(options: SiteOptions): Promise<Site> {
  for (const port of [options.port, options.standInPort])
    if (await portInUse(port)) throw new Error(`127.0.0.1:${port} is already in use: pick other ports (BENCH_PORT)`);
  const origin = `http://localhost:${options.port}`;
  const address = origin;
  const server = runNpm(["start", "--", "-H", "127.0.0.1"], siteEnvironment(options));
  await waitForSite(address, server, startTimeoutMs);
  return {
    origin,
    address,
    memory: () => processTree(server.child.pid ?? -1),
    serverCpuSeconds() {
      const nextServer = processTree(server.child.pid ?? -1).find((entry) => entry.command.startsWith("next-server"));
      return nextServer ? cpuSeconds(nextServer.pid) : Number.NaN;
    },
    stop: () => server.stop(),
  };
}

const clockTicksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Fields after the command name (which may hold spaces) of /proc/<pid>/stat: state is [0], ppid [1], utime [11]. */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** User + system CPU time of a process, all threads, in seconds. */
function cpuSeconds(pid: number): number {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** The process and its descendants, with their resident memory. */
function processTree(rootPid: number): ProcessMemory[] {
  let children: Map<number, number[]>;
  try {
    children = new Map();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const parent = Number(statFields(entry)[1]);
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    return [];
  }
  const tree: ProcessMemory[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    queue.push(...(children.get(pid) ?? []));
    try {
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      tree.push({ pid, command, rssMiB: rssKiB / 1024 });
    } catch {
      // Gone.
    }
  }
  return tree;
}

/** Runs a measuring script: exit 1 on a missed target only with --check, 2 on a failure, 130 when interrupted. */
export function runMeasurement(main: () => Promise<boolean>, flags: ReadonlySet<string>): void {
  // scripts/process-group.ts kills the site's process group when this process exits.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  main().then(
    (passed) => process.exit(!passed && flags.has("--check") ? 1 : 0),
    (error: unknown) => {
      console.error(`\n✗ ${(error as Error).stack ?? String(error)}`);
      process.exit(2);
    },
  );
}
