import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, onFreePort, PortTakenError, saysPortTaken } from "../scripts/free-port";
import { spawnGroup, waitForSite, type GroupProcess } from "../scripts/process-group";
import { startNginx, type NginxOptions } from "../scripts/nginx";
import { quietEnv } from "../scripts/site-env";

/**
 * The servers the tests start beside the two of playwright.config.ts (on E2E_PORT and the next port): each on a port
 * the OS hands out (scripts/free-port.ts), so parallel workers never share one; a port taken between the pick and the
 * listen is picked again.
 */

export interface RunningSite {
  url: string;
  port: number;
  /** What the server printed, for failure messages and "no stack trace reached the visitor" checks. */
  output(): string;
  stop(): Promise<void>;
}

/** A fresh embedded store for one server (the embedded store serves one process); removed with it. */
export function temporaryDataDir(): { dir: string; remove(): void } {
  const parent = mkdtempSync(path.join(tmpdir(), "site-e2e-"));
  return { dir: path.join(parent, "pglite"), remove: () => rmSync(parent, { recursive: true, force: true }) };
}

export interface RunningProcessSite extends RunningSite {
  process: GroupProcess;
}

/** How to start one server on a given port: its arguments and the variables it needs besides quietEnv. */
type ServerCommand = (port: number) => { args: string[]; env: Record<string, string> };

/** Starts the server on `port`, or on one the OS picks (another one if a process takes it first). */
function launch(command: ServerCommand, port?: number): Promise<RunningProcessSite> {
  return port === undefined ? onFreePort((picked) => launchOn(command, picked)) : launchOn(command, port);
}

async function launchOn(command: ServerCommand, port: number): Promise<RunningProcessSite> {
  const { args, env } = command(port);
  const data = env.PGLITE_DIR || env.DATABASE_URL ? undefined : temporaryDataDir();
  const site = spawnGroup(process.execPath, args, {
    ...process.env,
    ...quietEnv,
    ...(data && { PGLITE_DIR: data.dir }),
    ...env,
  });
  try {
    await waitForSite(`http://127.0.0.1:${port}`, site, 60_000);
  } catch (error) {
    data?.remove();
    throw saysPortTaken(site.output()) ? new PortTakenError((error as Error).message) : error;
  }
  return {
    url: `http://localhost:${port}`,
    port,
    output: site.output,
    stop: async () => {
      await site.stop();
      data?.remove();
    },
    process: site,
  };
}

/**
 * A copy of the image the Dockerfile makes: `.next/standalone` with `public/` and `.next/static` beside it, as its
 * final stage copies them. Removed by the returned function.
 */
export function standaloneImage(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "nametag-standalone-"));
  cpSync(".next/standalone", dir, { recursive: true });
  cpSync("public", path.join(dir, "public"), { recursive: true });
  cpSync(".next/static", path.join(dir, ".next/static"), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The Dockerfile's CMD, `node server.js`, with its HOSTNAME and PORT (loopback here, 0.0.0.0 in the image). Give
 * `port` only when other servers must know it first; otherwise the OS picks one.
 */
export function startStandalone(dir: string, env: Record<string, string>, port?: number): Promise<RunningProcessSite> {
  return launch(
    (sitePort) => ({
      args: [path.join(dir, "server.js")],
      env: { HOSTNAME: "127.0.0.1", PORT: String(sitePort), AUTH_URL: `http://localhost:${sitePort}`, ...env },
    }),
    port,
  );
}

/** The built site against any identity provider: `next start` of the existing build, as a deployment runs it (`port`: as above). */
export function startNext(env: Record<string, string>, port?: number): Promise<RunningProcessSite> {
  return launch(
    (sitePort) => ({
      args: ["node_modules/next/dist/bin/next", "start", "-p", String(sitePort), "-H", "127.0.0.1"],
      env: { AUTH_URL: `http://localhost:${sitePort}`, ...env },
    }),
    port,
  );
}

/** The built site with its Google stand-in, started exactly as `npm start` does; the stand-in's port is the OS's. */
export function startWithStandIn(env: Record<string, string>, port?: number): Promise<RunningProcessSite> {
  return launch(
    (sitePort) => ({
      args: ["node_modules/tsx/dist/cli.mjs", "scripts/site.ts", "start", "-H", "127.0.0.1"],
      // The zero-config start: an explicit NODE_ENV=production never falls back to the stand-in.
      env: { NODE_ENV: "", PORT: String(sitePort), GOOGLE_STAND_IN_PORT: "0", ...env },
    }),
    port,
  );
}

/**
 * The site with its stand-in behind nginx on this host, as visitors reach it: nginx's origin is the site's AUTH_URL
 * (so its port is picked first) and the stand-in's redirect URI. Returns that origin; `stop` ends both.
 */
export async function startSiteBehindNginx(
  env: Record<string, string>,
  nginxOptions: Omit<NginxOptions, "port" | "upstreamPorts"> = {},
): Promise<{ origin: string; stop(): Promise<void> }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const site = await startWithStandIn({
    AUTH_URL: origin,
    GOOGLE_STAND_IN_REDIRECT_URIS: `${origin}/api/auth/callback/google`,
    ...env,
  });
  const nginx = await startNginx({ port, upstreamPorts: [site.port], ...nginxOptions }).catch(
    async (error: unknown) => {
      await site.stop();
      throw error;
    },
  );
  return {
    origin,
    stop: async () => {
      await site.stop();
      await nginx.stop();
    },
  };
}
