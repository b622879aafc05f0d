import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnGroup, waitForSite, type GroupProcess } from "../scripts/process-group";

/** The main site (playwright.config.ts) is on E2E_PORT and its stand-in on E2E_PORT + 1; extra servers sit above. */
const basePort = Number(process.env.E2E_PORT ?? 3200);

/** Ports of the extra servers, by slot, spaced so up to 4 parallel workers never collide. */
export const ports = {
  hostileProvider: (worker: number) => basePort + 10 + worker,
  hostileSite: (worker: number) => basePort + 20 + worker,
  providerDownSite: (worker: number) => basePort + 30 + worker,
  /** Nothing ever listens here: an identity provider that is down. */
  deadIssuer: basePort + 39,
  lifetimeSite: (worker: number) => basePort + 40 + 2 * worker,
  uncappedLifetimeSite: (worker: number) => basePort + 120 + 2 * worker,
  workspaceSite: (worker: number) => basePort + 50 + 2 * worker,
  rotationSite: basePort + 60,
  /** A server expected to refuse to start. */
  refusedSite: basePort + 70,
  /** https in front of the site (its stand-in on httpsSite + 1). */
  httpsProxy: basePort + 80,
  httpsSite: basePort + 81,
  /** The Dockerfile's final stage (its stand-in on standaloneSite + 1). */
  standaloneSite: basePort + 90,
  googleSite: basePort + 92,
  /** A standalone server stopped with SIGTERM, and the issuer that holds its readiness checks in flight. */
  shutdownSite: basePort + 87,
  heldIssuer: basePort + 88,
  /** Three `npm start` at once from one build, each with its stand-in on the next port. */
  trioSites: [basePort + 93, basePort + 95, basePort + 97],
  /** nginx in front of two instances sharing PostgreSQL, and their one Google stand-in. */
  failoverProxy: basePort + 100,
  failoverSites: [basePort + 101, basePort + 102],
  failoverStandIn: basePort + 103,
  /** A site started with -H 127.0.0.1 whose canonical name is localhost (its stand-in on + 1). */
  loopbackSite: basePort + 104,
  /** nginx with proxy_cache in front of the site, and the site behind it (its stand-in on + 1). */
  cachingProxy: basePort + 106,
  cachedSite: basePort + 107,
  /** Sites whose host is not trusted, with their hostile providers. */
  untrustedSite: basePort + 109,
  untrustedProvider: basePort + 110,
  untrustedSiteWithoutUrl: basePort + 111,
  /** nginx forwarding visitors' addresses, and the site that trusts it (its stand-in on + 1). */
  addressProxy: basePort + 112,
  addressSite: basePort + 113,
};

/** The settings `npm start` gives a server in demo mode, for servers started without it. */
export function standInSettings(standIn: { issuer: string }): Record<string, string> {
  return { AUTH_GOOGLE_ID: "stand-in-client", AUTH_GOOGLE_SECRET: "stand-in-secret", AUTH_GOOGLE_ISSUER: standIn.issuer, AUTH_ALLOW_LOCAL_ISSUER: "true" };
}

export const e2eSecret = "e2e-secret-that-is-long-enough-for-production-use";

export interface RunningSite {
  url: string;
  /** What the server printed, for failure messages and "no stack trace reached the visitor" checks. */
  output(): string;
  stop(): Promise<void>;
}

/** Every variable the site reads, explicitly: nothing leaks in from the developer's .env.local or shell. */
export const quietEnv: Record<string, string> = {
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  AUTH_SECRET: e2eSecret,
  AUTH_URL: "",
  AUTH_TRUST_HOST: "",
  AUTH_GOOGLE_ID: "",
  AUTH_GOOGLE_SECRET: "",
  AUTH_GOOGLE_ISSUER: "",
  AUTH_GOOGLE_HD: "",
  AUTH_ALLOW_LOCAL_ISSUER: "",
  AUTH_SESSION_IDLE_SECONDS: "",
  AUTH_SESSION_MAX_SECONDS: "",
  TRUSTED_PROXIES: "",
  HEALTH_TOKEN: "",
  AUTH_SESSIONS_PER_USER: "",
  DATABASE_URL: "",
};

/** A fresh embedded store for one server (the embedded store serves one process); removed with it. */
export function temporaryDataDir(): { dir: string; remove(): void } {
  const parent = mkdtempSync(path.join(tmpdir(), "site-e2e-"));
  return { dir: path.join(parent, "pglite"), remove: () => rmSync(parent, { recursive: true, force: true }) };
}

export interface RunningProcessSite extends RunningSite {
  process: GroupProcess;
}

async function launch(args: string[], port: number, env: Record<string, string>): Promise<RunningProcessSite> {
  const data = env.PGLITE_DIR || env.DATABASE_URL ? undefined : temporaryDataDir();
  const site = spawnGroup(process.execPath, args, { ...process.env, ...quietEnv, ...(data && { PGLITE_DIR: data.dir }), ...env });
  try {
    await waitForSite(`http://127.0.0.1:${port}`, site, 60_000);
  } catch (error) {
    data?.remove();
    throw error;
  }
  return {
    url: `http://localhost:${port}`,
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

/** The Dockerfile's CMD, `node server.js`, with its HOSTNAME and PORT (loopback here, 0.0.0.0 in the image). */
export function startStandalone(dir: string, port: number, env: Record<string, string>): Promise<RunningProcessSite> {
  return launch([path.join(dir, "server.js")], port, { HOSTNAME: "127.0.0.1", PORT: String(port), AUTH_URL: `http://localhost:${port}`, ...env });
}

/** The built site against any identity provider: `next start` of the existing build, as a deployment runs it. */
export function startNext(port: number, env: Record<string, string>): Promise<RunningProcessSite> {
  return launch(["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], port, {
    AUTH_URL: `http://localhost:${port}`,
    ...env,
  });
}

/** The built site with its Google stand-in, started exactly as `npm start` does (the stand-in on port + 1). */
export function startWithStandIn(port: number, env: Record<string, string>): Promise<RunningProcessSite> {
  return launch(["node_modules/tsx/dist/cli.mjs", "scripts/site.ts", "start", "-H", "127.0.0.1"], port, {
    // The zero-config start: an explicit NODE_ENV=production never falls back to the stand-in.
    NODE_ENV: "",
    PORT: String(port),
    GOOGLE_STAND_IN_PORT: String(port + 1),
    ...env,
  });
}
