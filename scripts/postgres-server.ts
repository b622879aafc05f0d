/**
 * A throwaway PostgreSQL server for tests and the benchmark: a fresh cluster in a temp folder, on a loopback port,
 * trust authentication, fsync off (its data is thrown away, so durability buys nothing and costs start-up and write
 * time). Installs Debian's `postgresql` when no server binaries are found.
 *
 * CLI: `tsx scripts/postgres-server.ts [--port N]` prints the URL and runs until Ctrl-C.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { onFreePort, PortTakenError, saysPortTaken } from "./free-port";
import { exited, spawnGroup, stopWhenParentDies } from "./process-group";

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/DB`: trust authentication, no password. */
  url: string;
  /** SIGTERM, SIGKILL after a bound, then the folder is removed. Safe to call twice. */
  stop(): Promise<void>;
  /** Fast shutdown that keeps the data (an outage: connections refused) until `restart()` starts it again on its port. */
  halt(): Promise<void>;
  restart(): Promise<void>;
  /** SIGSTOP or SIGCONT to every process of the server: connections stay open and nothing answers (a frozen host). */
  freeze(): void;
  thaw(): void;
}

const run = promisify(execFile);
const postgresRoot = "/usr/lib/postgresql";
const preferredVersion = 15;
const databaseName = "app";
const readyTimeoutMs = 30_000;
const stopGraceMs = 5_000;
const commandTimeoutMs = 60_000;
const installTimeoutMs = 600_000;

/** The version folder to use: 15 (what CI and Debian 12 have), else the newest present. */
export function pickVersion(entries: string[]): string | undefined {
  const versions = entries.filter((entry) => /^\d+$/.test(entry)).sort((a, b) => Number(b) - Number(a));
  return versions.includes(String(preferredVersion)) ? String(preferredVersion) : versions[0];
}

/** A command run as the `postgres` OS user when we are root: PostgreSQL refuses to run as root. */
export function asPostgresUser(command: string, args: string[], isRoot: boolean): [string, string[]] {
  return isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

/** The server's arguments: loopback TCP only, its socket in its own folder, no fsync (throwaway data), and `settings`. */
export function serverArgs(dataDir: string, port: number, settings: string[] = []): string[] {
  return [
    ...["-D", dataDir, "-p", String(port), "-k", dataDir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    ...settings.flatMap((setting) => ["-c", setting]),
  ];
}

export interface PostgresOptions {
  port?: number;
  /** More `name=value` server settings, e.g. `shared_preload_libraries=pg_stat_statements`. */
  settings?: string[];
}

export const connectionUrl = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

/** How to install Debian's server: directly as root, else through sudo without a password prompt, else not at all. */
export function installCommands(isRoot: boolean, hasSudo: boolean): [string, string[]][] | undefined {
  const steps: [string, string[]][] = [
    ["apt-get", ["update"]],
    ["apt-get", ["install", "-y", "postgresql"]],
  ];
  if (isRoot) return steps;
  if (hasSudo) return steps.map(([command, args]) => ["sudo", ["-n", command, ...args]]);
  return undefined;
}

const isRoot = () => process.getuid?.() === 0;

function findBinDir(): string | undefined {
  const version = existsSync(postgresRoot)
    ? pickVersion(readdirSync(postgresRoot).filter((entry) => existsSync(join(postgresRoot, entry, "bin", "postgres"))))
    : undefined;
  return version ? join(postgresRoot, version, "bin") : undefined;
}

async function hasCommand(name: string): Promise<boolean> {
  return run("sh", ["-c", `command -v ${name}`]).then(
    () => true,
    () => false,
  );
}

/** The server's bin folder, installing Debian's `postgresql` first when there is none. */
export async function ensurePostgresBinaries(): Promise<string> {
  const found = findBinDir();
  if (found) return found;
  const steps = installCommands(isRoot(), await hasCommand("sudo"));
  if (!steps)
    throw new Error(
      `No PostgreSQL server in ${postgresRoot}/<version>/bin, and no way to install it (not root, no sudo): run \`apt-get install -y postgresql\` as root.`,
    );
  console.log("› Installing PostgreSQL (apt-get install -y postgresql)…");
  for (const [command, args] of steps) {
    try {
      await run(command, args, {
        timeout: installTimeoutMs,
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch (error) {
      throw new Error(
        `Installing PostgreSQL failed at \`${[command, ...args].join(" ")}\`: ${(error as { stderr?: string }).stderr || (error as Error).message}`,
      );
    }
  }
  const installed = findBinDir();
  if (!installed) throw new Error(`apt-get installed postgresql, but no server is in ${postgresRoot}/<version>/bin`);
  return installed;
}

/**
 * The pid file the server keeps in its data folder: its pid on line 1, its status on line 8 ("ready" once it accepts
 * connections). Read from our own folder, it cannot be confused with another server already on the port.
 */
export function parsePidFile(text: string): { pid?: number; ready: boolean } {
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, ready: lines[7]?.trim() === "ready" };
}

function readPidFile(dir: string): { pid?: number; ready: boolean } {
  try {
    return parsePidFile(readFileSync(join(dir, "postmaster.pid"), "utf8"));
  } catch {
    return { ready: false };
  }
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** The processes whose parent is `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Field 4 of /proc/PID/stat, after the command in parentheses (which may hold spaces).
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function attempt(bin: string, port: number, settings?: string[]): Promise<PostgresServer> {
  const root = isRoot();
  const dir = mkdtempSync(join(tmpdir(), "postgres-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeDir);
  const cleanUp = () => {
    process.off("exit", removeDir);
    removeDir();
  };
  try {
    if (root) await run("chown", ["postgres:postgres", dir]);
    const [initCommand, initArgs] = asPostgresUser(
      join(bin, "initdb"),
      ["-D", dir, "--auth=trust", "-U", "postgres", "--no-sync", "--encoding=UTF8", "--locale=C"],
      root,
    );
    await run(initCommand, initArgs, { timeout: commandTimeoutMs }).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`initdb failed: ${error.stderr || error.message}`);
      },
    );
  } catch (error) {
    cleanUp();
    throw error;
  }

  const [command, args] = asPostgresUser(join(bin, "postgres"), serverArgs(dir, port, settings), root);
  let server = spawnGroup(command, args, process.env, 20_000);
  let cancelWatch = stopWhenParentDies(server, dir);
  let stopping: Promise<void> | undefined;
  /** The postmaster and its children: each backend is a process group of its own (PostgreSQL calls setsid). */
  const signalServer = (name: NodeJS.Signals) => {
    const postmaster = readPidFile(dir).pid;
    if (!postmaster) return;
    signal(postmaster, name);
    for (const child of childrenOf(postmaster)) signal(child, name);
  };
  /** SIGTERM (or SIGINT: fast shutdown) to the server itself, not runuser, which waits 2 s before it kills its child. */
  const shutDown = async (how: "SIGTERM" | "SIGINT") => {
    signalServer("SIGCONT");
    const postmaster = readPidFile(dir).pid;
    if (postmaster) signal(postmaster, how);
    await Promise.race([exited(server.child), new Promise((resolve) => setTimeout(resolve, stopGraceMs))]);
    await server.stop(stopGraceMs);
    cancelWatch();
  };
  const stop = () =>
    (stopping ??= (async () => {
      await shutDown("SIGTERM");
      cleanUp();
    })());

  const client = (name: string, extra: string[]) =>
    run(join(bin, name), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", ...extra], { timeout: 10_000 });
  const untilReady = async () => {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        const output = server.output();
        await stop();
        const message = `postgres exited before accepting connections:\n${output}`;
        throw saysPortTaken(output) ? new PortTakenError(message) : new Error(message);
      }
      if (readPidFile(dir).ready) break;
      if (Date.now() > deadline) {
        const output = server.output();
        await stop();
        throw new Error(`postgres was not ready within ${readyTimeoutMs / 1000} s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await untilReady();
  try {
    await client("createdb", [databaseName]);
  } catch (error) {
    await stop();
    throw new Error(`createdb failed: ${(error as { stderr?: string }).stderr || (error as Error).message}`);
  }
  return {
    url: connectionUrl(port, databaseName),
    stop,
    halt: () => shutDown("SIGINT"),
    restart: async () => {
      server = spawnGroup(command, args, process.env, 20_000);
      cancelWatch = stopWhenParentDies(server, dir);
      await untilReady();
    },
    freeze: () => signalServer("SIGSTOP"),
    thaw: () => signalServer("SIGCONT"),
  };
}

/** Starts a fresh server on `port`, or on a port the OS picks (another one if a process takes it first). */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = await ensurePostgresBinaries();
  const { port, settings } = options;
  return port === undefined ? onFreePort((picked) => attempt(bin, picked, settings)) : attempt(bin, port, settings);
}

/** A fresh server migrated with `npm run db:migrate`, as a deployment migrates its database; stopped if that fails. */
export async function startMigratedPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const postgres = await startPostgres(options);
  const migrate = spawnGroup("npm", ["run", "db:migrate"], { ...process.env, DATABASE_URL: postgres.url }, 20_000);
  const code = await exited(migrate.child);
  if (code !== 0) {
    await postgres.stop();
    throw new Error(`npm run db:migrate failed (exit ${code}):\n${migrate.output()}`);
  }
  return postgres;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const portFlag = process.argv.indexOf("--port");
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error("usage: tsx scripts/postgres-server.ts [--port N]");
    process.exit(2);
  }
  const started = performance.now();
  const postgres = await startPostgres({ port });
  console.log(
    `› PostgreSQL ready in ${((performance.now() - started) / 1000).toFixed(1)} s (throwaway: fsync off, deleted on exit). Ctrl-C to stop.`,
  );
  console.log(postgres.url);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void postgres.stop().then(() => process.exit(0));
    });
}
