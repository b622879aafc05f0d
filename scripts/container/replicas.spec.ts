import { expect, test } from "@playwright/test";
import { hasNginx, startNginx, type RunningNginx } from "../nginx";
import { generousRateLimits, standInSettings, testSecret } from "../site-env";
import { signInAs, signOut } from "../../e2e/sign-in";
import { standInClient } from "../../google-stand-in/client";
import { startStandIn, type StandIn } from "../../google-stand-in/stand-in";
import { freePort } from "../free-port";
import { startPostgres, type PostgresServer } from "../postgres-server";
import { podman, startContainer, type RunningContainer } from "./podman";

/**
 * compose.yaml's app tier from the image: PostgreSQL, the one-shot migration (the build stage's image running
 * `npm run db:migrate`), then two replicas with the same secrets behind a proxy, on the host's loopback. PostgreSQL is
 * Debian's on this host (scripts/postgres-server.ts) and the proxy nginx with deploy/nginx.conf's failover settings
 * (scripts/nginx.ts): compose's postgres:17 and Caddy images are not to be had here.
 */
const image = process.env.NAMETAG_IMAGE ?? "";
const builderImage = process.env.NAMETAG_BUILDER_IMAGE ?? "";

test.describe.configure({ mode: "serial" });
test.skip(!image || !builderImage, "npm run test:container builds the images and runs these");
test.skip(!hasNginx, "nginx is not installed (apt-get install -y nginx)");

let postgres: PostgresServer;
let standIn: StandIn;
let proxy: RunningNginx;
let proxyOrigin: string;
let replicaPorts: number[];
let replicas: RunningContainer[] = [];

/** The replica that answered: the last address in nginx's `X-Upstream` (earlier ones were tried and failed). */
const answeredBy = (upstream: string | undefined) => Number(upstream?.split(",").at(-1)?.split(":").at(-1));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  const migration = await podman(
    [
      "run",
      "--rm",
      "--network",
      "host",
      "--env",
      `DATABASE_URL=${postgres.url}`,
      builderImage,
      "npm",
      "run",
      "db:migrate",
    ],
    { timeoutMs: 120_000 },
  );
  expect(migration.code, migration.stdout + migration.stderr).toBe(0);

  // Every replica must know the proxy's address (AUTH_URL), and the stand-in its redirect URI, before they start.
  const proxyPort = await freePort();
  proxyOrigin = `http://localhost:${proxyPort}`;
  standIn = await startStandIn({
    port: 0,
    ...standInClient,
    redirectUris: [`${proxyOrigin}/api/auth/callback/google`],
  });
  replicaPorts = [await freePort(), await freePort()];
  replicas = await Promise.all(
    replicaPorts.map((port) =>
      startContainer({
        image,
        name: `nametag-container-test-replica-${port}`,
        env: {
          HOSTNAME: "127.0.0.1",
          PORT: String(port),
          AUTH_URL: proxyOrigin,
          AUTH_SECRET: testSecret,
          // Server actions posted to one replica may have been rendered by the other: one key for both.
          NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 42).toString("base64"),
          DATABASE_URL: postgres.url,
          // The proxy, on this host's loopback, as compose's replicas trust Caddy's address.
          TRUSTED_PROXIES: "loopback",
          ...standInSettings(standIn),
          ...generousRateLimits,
        },
        // Readiness, as compose's Caddy takes a replica in: 503 on an unmigrated store.
        healthUrl: `http://127.0.0.1:${port}/api/health/ready`,
      }),
    ),
  );
  proxy = await startNginx({ port: proxyPort, upstreamPorts: replicaPorts, failover: true, upstreamHeader: true });
});

test.afterAll(async () => {
  await proxy?.stop();
  await Promise.all(replicas.map((replica) => replica.remove()));
  await standIn?.close();
  await postgres?.stop();
});

test("both replicas are ready on the migrated PostgreSQL", async () => {
  for (const port of replicaPorts) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`, { signal: AbortSignal.timeout(10_000) });
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toMatchObject({
      sessionStore: { ok: true, detail: "postgres" },
    });
  }
});

test("a visitor signs in through the proxy, is signed in on both replicas, and signing out ends it on both", async ({
  page,
  context,
  playwright,
}) => {
  await page.goto(`${proxyOrigin}/greeting`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const cookie = (await context.cookies(proxyOrigin)).map(({ name, value }) => `${name}=${value}`).join("; ");
  // A copy of the browser's cookie, kept past sign-out: round robin sends its requests to each replica in turn.
  const copy = await playwright.request.newContext({ extraHTTPHeaders: { cookie } });
  const statusesByReplica = async () => {
    const seen = new Map<number, number>();
    for (let visit = 0; visit < 6 && seen.size < replicaPorts.length; visit++) {
      const response = await copy.get(`${proxyOrigin}/greeting`, { maxRedirects: 0 });
      seen.set(answeredBy(response.headers()["x-upstream"]), response.status());
    }
    return Object.fromEntries([...seen].sort(([a], [b]) => a - b));
  };
  const everyReplica = (status: number) =>
    Object.fromEntries([...replicaPorts].sort((a, b) => a - b).map((port) => [port, status]));
  try {
    expect(await statusesByReplica()).toEqual(everyReplica(200));
    await signOut(page);
    // Each replica looks the session up in the shared database; a lookup is remembered for at most a second.
    await expect.poll(statusesByReplica, { timeout: 5_000 }).toEqual(everyReplica(307));
  } finally {
    await copy.dispose();
  }
});
