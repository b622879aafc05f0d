import { spawnGroup, waitForSite } from "../scripts/process-group";

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
  workspaceSite: (worker: number) => basePort + 50 + 2 * worker,
  rotationSite: basePort + 60,
  /** A server expected to refuse to start. */
  refusedSite: basePort + 70,
  /** https in front of the site (its stand-in on httpsSite + 1). */
  httpsProxy: basePort + 80,
  httpsSite: basePort + 81,
  /** A site started with -H 127.0.0.1 whose canonical name is localhost (its stand-in on + 1). */
  loopbackSite: basePort + 84,
  /** nginx with proxy_cache in front of the site, and the site behind it (its stand-in on + 1). */
  cachingProxy: basePort + 86,
  cachedSite: basePort + 87,
  /** Sites whose host is not trusted, with their hostile providers. */
  untrustedSite: basePort + 90,
  untrustedProvider: basePort + 91,
  untrustedSiteWithoutUrl: basePort + 92,
};

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
};

async function launch(args: string[], port: number, env: Record<string, string>): Promise<RunningSite> {
  const site = spawnGroup(process.execPath, args, { ...process.env, ...quietEnv, ...env } as NodeJS.ProcessEnv);
  await waitForSite(`http://127.0.0.1:${port}`, site, 60_000);
  return { url: `http://localhost:${port}`, output: site.output, stop: () => site.stop() };
}

/** The built site against any identity provider: `next start` of the existing build, as a deployment runs it. */
export function startNext(port: number, env: Record<string, string>): Promise<RunningSite> {
  return launch(["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], port, {
    AUTH_URL: `http://localhost:${port}`,
    ...env,
  });
}

/** The built site with its Google stand-in, started exactly as `npm start` does (the stand-in on port + 1). */
export function startWithStandIn(port: number, env: Record<string, string>): Promise<RunningSite> {
  return launch(["node_modules/tsx/dist/cli.mjs", "scripts/site.ts", "start", "-H", "127.0.0.1"], port, {
    // The zero-config start: an explicit NODE_ENV=production never falls back to the stand-in.
    NODE_ENV: "",
    PORT: String(port),
    GOOGLE_STAND_IN_PORT: String(port + 1),
    ...env,
  });
}
