import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { get as httpsGet } from "node:https";
import { expect, test } from "@playwright/test";
import { testSecret } from "../site-env";
import { signInAs, signOut } from "../../e2e/sign-in";
import { standInClient } from "../../google-stand-in/client";
import { startStandIn, type StandIn } from "../../google-stand-in/stand-in";
import { debianChromium, hasDebianChromium, quietChromiumFlags } from "../chromium";
import { composeUp, readCompose, type ComposeProject } from "./compose";
import { baseImage, podman, podmanOk, testLabel } from "./podman";

/**
 * compose.yaml itself, brought up with podman from the file (scripts/container/compose.ts): its network with the fixed
 * subnet and Caddy's fixed address (the replicas' TRUSTED_PROXIES), PostgreSQL, the one-shot migration, two replicas,
 * Caddy with TLS on localhost and deploy/Caddyfile. The images are the ones just built, and local stand-ins for
 * postgres:17 and caddy:2 (Debian's PostgreSQL 15 and Caddy 2.6: scripts/container/stand-in-images.ts). What the test
 * adds to compose.yaml: the Google stand-in instead of Google, a metrics token (to see which replica answered), and a
 * second network on Caddy, the visitor's side, where the browser reaches it from this host: none of compose.yaml's
 * ports is published, so nothing of the test listens on the host's own addresses.
 */
const image = process.env.NAMETAG_IMAGE ?? "";
const builderImage = process.env.NAMETAG_BUILDER_IMAGE ?? "";

/**
 * The visitor's side of Caddy, the test's addition (compose.yaml publishes Caddy's ports instead): a bridge of its own
 * with Caddy at a fixed address on it, which the browser on this host reaches directly. The host's address on it, the
 * visitor's, is outside compose's subnet: from compose's own bridge the visitor would come from its gateway, in
 * Caddy's /24 (the network a session records), and hide a replica wrongly believing Caddy's address to be the
 * visitor's. Only this machine can route to a bridge's addresses.
 */
const visitorSubnet = "172.30.81.0/24";
const caddyVisitorAddress = "172.30.81.10";

test.describe.configure({ mode: "serial" });
test.skip(!image || !builderImage, "npm run test:container builds the images and runs these");
// netavark, podman's bridge networking, sets up its firewall rules with the iptables command.
test.skip(
  !["/usr/sbin/iptables", "/sbin/iptables"].some(existsSync),
  "no iptables, which podman's bridge networks need (apt-get install iptables)",
);

test.use({
  // Caddy's certificate for localhost comes from its own local CA, made when it starts: no browser trusts it (an
  // operator runs `caddy trust`), and putting it in Chromium's store would outlive the test.
  ignoreHTTPSErrors: true,
  // AUTH_URL's `localhost` to Caddy's address on the visitor's side; everything else resolves as usual.
  launchOptions: {
    ...(hasDebianChromium && !process.env.PLAYWRIGHT_BUNDLED_BROWSER ? { executablePath: debianChromium } : {}),
    args: [...quietChromiumFlags, `--host-resolver-rules=MAP localhost ${caddyVisitorAddress}`],
  },
});

/** A TCP relay in a few lines of Node, run in a container of the base image: `node -e` it with listen and target. */
const relay = `
const net = require("node:net");
const [listenHost, listenPort, targetHost, targetPort] = process.argv.slice(1);
net.createServer((visitor) => {
  const target = net.connect(Number(targetPort), targetHost);
  visitor.on("error", () => target.destroy());
  target.on("error", () => visitor.destroy());
  visitor.pipe(target).pipe(visitor);
}).listen(Number(listenPort), listenHost);
`;

/** Runs the relay named `name` with `network` (podman's --network): from listenHost:port there to targetHost:port. */
async function startRelay(name: string, network: string, listenHost: string, targetHost: string, port: number) {
  await podmanOk([
    "run",
    "--detach",
    "--name",
    name,
    // Node as PID 1 would ignore SIGTERM: the removal would wait out its timeout.
    "--init",
    "--label",
    testLabel,
    "--network",
    network,
    baseImage,
    "node",
    "-e",
    relay,
    listenHost,
    String(port),
    targetHost,
    String(port),
  ]);
}

const metricsToken = randomBytes(24).toString("base64url");
const postgresPassword = randomBytes(18).toString("base64url");
const appServices = ["app1", "app2"];
const migrations = (JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] })
  .entries.length;

// A name of this run's own: podman keeps its address allocations by network name, and a run that was killed may leave
// one behind (Caddy's fixed address taken) even once leftovers are removed.
const project = `nametag-container-test-${process.pid}`;
const visitorNetwork = `${project}_visitor`;
/** compose.yaml's AUTH_URL as it is: Caddy on 443, on its own address. */
const site = "https://localhost";
let standIn: StandIn;
let compose: ComposeProject;
/** Caddy's local CA, which signs its certificate for localhost. */
const caddyCaFile = "/data/caddy/pki/authorities/local/root.crt";
let caddyCa: string;
/** Each replica's own address on the compose network, to read its metrics directly. */
let replicaAddresses: Record<string, string>;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  standIn = await startStandIn({ port: 0, ...standInClient, redirectUris: [`${site}/api/auth/callback/google`] });
  const standInPort = Number(new URL(standIn.issuer).port);
  let hostRelay: Promise<void> | undefined;
  const definition = readCompose("compose.yaml", {
    // What an operator's .env holds (compose.yaml refuses to start without them).
    AUTH_SECRET: testSecret,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 42).toString("base64"),
    AUTH_GOOGLE_ID: standInClient.clientId,
    AUTH_GOOGLE_SECRET: standInClient.clientSecret,
    POSTGRES_PASSWORD: postgresPassword,
  });
  await podmanOk(["network", "create", "--label", testLabel, "--subnet", visitorSubnet, visitorNetwork]);
  compose = await composeUp(definition, {
    project,
    directory: process.cwd(),
    builtImage: (build) => (build.target === "builder" ? builderImage : image),
    extraEnvironment: (service): Record<string, string> =>
      appServices.includes(service)
        ? {
            AUTH_GOOGLE_ISSUER: standIn.issuer,
            AUTH_ALLOW_LOCAL_ISSUER: "true",
            METRICS_TOKEN: metricsToken,
          }
        : {},
    onStarted: async (service, container, { gateway }) => {
      // Caddy answers on every address it has: this one is where the browser comes from.
      if (service === "caddy")
        await podmanOk(["network", "connect", "--ip", caddyVisitorAddress, visitorNetwork, container]);
      // The stand-in listens on this host's loopback, and its issuer is that address: a replica reaches it at the
      // same address in its own network namespace, relayed to the bridge's gateway, and from there to the host's
      // loopback.
      if (!appServices.includes(service)) return;
      hostRelay ??= startRelay(`${project}-stand-in-relay`, "host", gateway, "127.0.0.1", standInPort);
      await hostRelay;
      await startRelay(`${container}-stand-in-relay`, `container:${container}`, "127.0.0.1", gateway, standInPort);
    },
  });
  // Caddy has no healthcheck in compose.yaml to wait on: it answers once it has made its CA and its certificate.
  await expect
    .poll(
      async () => {
        caddyCa = await podmanOk(["exec", compose.containers.caddy!, "cat", caddyCaFile]).catch(() => "");
        return caddyCa && (await getThroughCaddy("/api/health/ready", "", caddyCa).catch(() => 0));
      },
      { timeout: 30_000 },
    )
    .toBe(200);
  replicaAddresses = {};
  for (const service of appServices) {
    const format = `{{(index .NetworkSettings.Networks "${compose.network.name}").IPAddress}}`;
    replicaAddresses[service] = (await podmanOk(["inspect", "--format", format, compose.containers[service]!])).trim();
  }
});

test.afterAll(async () => {
  await compose?.down();
  // The host's relay (the replicas' went with them), and the visitor's side of Caddy.
  await podmanOk(["rm", "--force", "--ignore", `${project}-stand-in-relay`]);
  await podman(["network", "rm", "--force", visitorNetwork]);
  await standIn?.close();
});

test("the migration ran once, before the replicas, and both replicas are ready on compose's PostgreSQL", async () => {
  expect(await compose.logs("migrate")).toContain(`Applied ${migrations} migration(s) to PostgreSQL at db:5432`);
  expect((await podmanOk(["inspect", "--format", "{{.State.ExitCode}}", compose.containers.migrate!])).trim()).toBe(
    "0",
  );
  const applied = await podmanOk([
    "exec",
    compose.containers.db!,
    "psql",
    "--username=nametag",
    "--dbname=nametag",
    "--tuples-only",
    "--no-align",
    "--command=select count(*) from drizzle.__drizzle_migrations",
  ]);
  expect(Number(applied.trim())).toBe(migrations);
  const at = async (service: string, moment: "StartedAt" | "FinishedAt") =>
    BigInt(
      (await podmanOk(["inspect", "--format", `{{.State.${moment}.UnixNano}}`, compose.containers[service]!])).trim(),
    );
  for (const service of appServices)
    expect(await at(service, "StartedAt")).toBeGreaterThan(await at("migrate", "FinishedAt"));
  for (const service of appServices) {
    // Asked from inside the replica: its readiness details are for callers on its own host.
    const ready = await podmanOk([
      "exec",
      compose.containers[service]!,
      "node",
      "-e",
      "fetch('http://127.0.0.1:3000/api/health/ready').then(async (r) => console.log(r.status, await r.text()))",
    ]);
    const [status, ...body] = ready.trim().split(" ");
    expect(status, service).toBe("200");
    expect((JSON.parse(body.join(" ")) as { checks: unknown }).checks).toMatchObject({
      sessionStore: { ok: true, detail: "postgres" },
    });
  }
});

/** How many times each replica has answered /greeting, by status, from its own metrics. */
async function greetingAnswers(): Promise<Record<string, Record<string, number>>> {
  const byReplica: Record<string, Record<string, number>> = {};
  for (const service of appServices) {
    const response = await fetch(`http://${replicaAddresses[service]}:3000/api/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    const counts: Record<string, number> = {};
    for (const [, labels, count] of (await response.text()).matchAll(
      /^nametag_http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm,
    )) {
      if (!labels!.includes('method="GET"') || !labels!.includes('route="/greeting"')) continue;
      const status = /status="(\d+)"/.exec(labels!)![1]!;
      counts[status] = (counts[status] ?? 0) + Number(count);
    }
    byReplica[service] = counts;
  }
  return byReplica;
}

/**
 * One GET of `path` through Caddy with `cookie`, from here as the browser reaches it (localhost at Caddy's address on
 * the visitor's side), verifying Caddy's certificate against its local CA: the status.
 */
function getThroughCaddy(path: string, cookie: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpsGet(
      `${site}${path}`,
      {
        headers: cookie ? { cookie } : {},
        ca,
        agent: false,
        lookup: (_host, options, callback) =>
          options.all
            ? callback(null, [{ address: caddyVisitorAddress, family: 4 }])
            : callback(null, caddyVisitorAddress, 4),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      },
    );
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${path} through Caddy took over 10 s`)));
  });
}

/** Which statuses each replica answered to `visits` requests through Caddy, from its metrics. */
async function answersThroughCaddy(cookie: string, visits: number) {
  const before = await greetingAnswers();
  for (let visit = 0; visit < visits; visit++) await getThroughCaddy("/greeting", cookie, caddyCa);
  const after = await greetingAnswers();
  return Object.fromEntries(
    appServices.map((service) => [
      service,
      Object.fromEntries(
        Object.entries(after[service]!)
          .filter(([status, count]) => count > (before[service]![status] ?? 0))
          .map(([status]) => [status, true]),
      ),
    ]),
  );
}

test("a visitor signs in through Caddy over TLS, both replicas serve them, and signing out ends it on both", async ({
  page,
  context,
}) => {
  await page.goto(`${site}/greeting`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();

  // The session records the visitor's network (this host's side of the visitor's bridge), not Caddy's on compose's: the
  // replicas believe X-Forwarded-For from Caddy's address.
  await page.goto(`${site}/account`);
  await expect(page.getByText(visitorSubnet, { exact: true })).toBeVisible();

  // A copy of the browser's cookie, kept past sign-out: Caddy's round robin sends its requests to each replica in turn.
  const cookie = (await context.cookies(site)).map(({ name, value }) => `${name}=${value}`).join("; ");
  const everyReplica = (status: number) =>
    Object.fromEntries(appServices.map((service) => [service, { [status]: true }]));
  expect(await answersThroughCaddy(cookie, 4)).toEqual(everyReplica(200));
  await page.goto(`${site}/greeting`);
  await signOut(page);
  // Each replica looks the session up in the shared database; a lookup is remembered for at most a second.
  await expect.poll(() => answersThroughCaddy(cookie, 4), { timeout: 5_000 }).toEqual(everyReplica(307));
});
