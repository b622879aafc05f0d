import { expect, test } from "@playwright/test";
import { directive, watchCspViolations } from "../../e2e/csp";
import { generousRateLimits, standInSettings, testSecret } from "../site-env";
import { signInAs, signOut } from "../../e2e/sign-in";
import { standInClient } from "../../google-stand-in/client";
import { startStandIn, type StandIn } from "../../google-stand-in/stand-in";
import { hashesPlaceholder } from "../../lib/csp";
import { freePort } from "../free-port";
import { podman, podmanOk, startContainer, type RunningContainer } from "./podman";

/**
 * The image the Dockerfile makes, run as a deployment runs it (scripts/container-test.ts builds it and names it in
 * NAMETAG_IMAGE): on the host's loopback (--network host), against the Google stand-in on the host.
 */
const image = process.env.NAMETAG_IMAGE ?? "";

test.describe.configure({ mode: "serial" });
test.skip(!image, "npm run test:container builds the image and runs these");

let standIn: StandIn;
let site: string;
let running: RunningContainer;
let container: string;

test.beforeAll(async () => {
  // The stand-in must know the site's redirect URI, so the site's port is picked first.
  const port = await freePort();
  site = `http://localhost:${port}`;
  standIn = await startStandIn({ port: 0, ...standInClient, redirectUris: [`${site}/api/auth/callback/google`] });
  running = await startContainer({
    image,
    name: `nametag-container-test-${port}`,
    env: {
      // Loopback only: with the host's network, the image's 0.0.0.0 would listen on every interface of this machine.
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      AUTH_URL: site,
      AUTH_SECRET: testSecret,
      ...standInSettings(standIn),
      ...generousRateLimits,
    },
    healthUrl: `${site}/api/health`,
  });
  container = running.name;
});

test.afterAll(async () => {
  await running?.remove();
  await standIn?.close();
});

test("the server is the image's CMD and runs as the node user (uid 1000), not root", async () => {
  const status = await podmanOk(["exec", container, "cat", "/proc/1/status"]);
  expect(status).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
  expect(status).toMatch(/^Gid:\s+1000\s+1000\s+1000\s+1000$/m);
  // PID 1 is that server (Next renames its process, so its command line is no longer the CMD).
  const config = JSON.parse(await podmanOk(["inspect", "--format", "{{json .Config}}", container])) as {
    Cmd: string[];
    User: string;
  };
  expect(config).toMatchObject({ Cmd: ["node", "server.js"], User: "node" });
  expect(await podmanOk(["exec", container, "cat", "/proc/1/comm"])).toMatch(/^next-server/);
});

test("liveness answers, and the image's HEALTHCHECK passes", async () => {
  const response = await fetch(`${site}/api/health`, { signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
  // No systemd here to schedule the check: run it once, as the engine would.
  const check = await podman(["healthcheck", "run", container]);
  expect(check.code, check.stderr + check.stdout).toBe(0);
  expect((await podmanOk(["inspect", "--format", "{{.State.Healthcheck.Status}}", container])).trim()).toBe("healthy");
});

test("the home page's scripts run under its sealed policy in Chromium, before and after a sign-in through the stand-in", async ({
  page,
}) => {
  const violations = await watchCspViolations(page, site);
  const expectHomeScriptsRun = async () => {
    const response = await page.goto(`${site}/`);
    const scripts = directive(response!.headers()["content-security-policy"] ?? "", "script-src") ?? "";
    expect(scripts).not.toContain(hashesPlaceholder);
    expect(scripts).toMatch(/^script-src 'strict-dynamic'( 'sha256-[A-Za-z0-9+/]+={0,2}')+$/);
    // Next's client sets window.next as it starts: none of its scripts ran if the policy blocked them.
    await expect.poll(() => page.evaluate(() => typeof (window as { next?: unknown }).next)).toBe("object");
  };
  await expectHomeScriptsRun();
  await page.goto(`${site}/greeting`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  await signOut(page);
  await expectHomeScriptsRun();
  expect(await violations()).toEqual([]);
});

test("podman stop: SIGTERM ends the server with exit code 0 within the grace period", async () => {
  // compose.yaml's stop_grace_period: past it podman would kill the server, and the exit code would be 137.
  await podmanOk(["stop", "--time", "15", container], { timeoutMs: 30_000 });
  const state = JSON.parse(await podmanOk(["inspect", "--format", "{{json .State}}", container])) as {
    Status: string;
    ExitCode: number;
  };
  expect(state, await running.logs()).toMatchObject({ Status: "exited", ExitCode: 0 });
  expect(await running.logs()).toContain('"event":"shutdown_started"');
});
