/**
 * Data survives a crash: the server is killed with SIGKILL (no shutdown, no flush) while visitors are signing in,
 * three times over one embedded store, and every sign-in that had reached its greeting before the kill still opens
 * `/greeting` after the restart. A sign-in cut off by the kill may be lost; one the visitor saw finish may not.
 */
import { expect, test } from "@playwright/test";
import { textOf } from "../bench/browserless";
import { signInOverHttp } from "../bench/sign-in";
import { standInClient } from "../google-stand-in/client";
import { startStandIn, type StandIn } from "../google-stand-in/stand-in";
import { freePort } from "../scripts/free-port";
import { standInSettings } from "../scripts/site-env";
import { startNext, temporaryDataDir, type RunningProcessSite } from "./servers";

test.setTimeout(180_000);

const crashes = 3;
/** Sign-ins finished before each kill: enough that the kill lands among writes, not after them. */
const signInsBeforeKill = 8;
/** The stand-in's sample accounts, a visitor each, signing in again and again. */
const emails = ["ada@example.com", "grace@example.com", "alan@example.com", "sam@gmail.com"];

let standIn: StandIn;
let origin: string;
let port: number;
const data = temporaryDataDir();

test.beforeAll(async () => {
  // One port for every start: the cookies belong to the origin, and so does the stand-in's redirect URI.
  port = await freePort();
  origin = `http://localhost:${port}`;
  standIn = await startStandIn({ port: 0, ...standInClient, redirectUris: [`${origin}/api/auth/callback/google`] });
});

test.afterAll(async () => {
  await standIn?.close();
  data.remove();
});

const start = () =>
  startNext(
    // Far above the sign-ins made here: the per-person cap must not end a session this test counts on.
    { ...standInSettings(standIn), PGLITE_DIR: data.dir, AUTH_URL: origin, AUTH_SESSIONS_PER_USER: "1000" },
    port,
  );

async function greets(cookie: string, email: string): Promise<boolean> {
  const response = await fetch(`${origin}/greeting`, {
    headers: { cookie },
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  return response.status === 200 && textOf(await response.text()).includes(`Hello, ${email}!`);
}

test("every sign-in that finished before a SIGKILL is still signed in after the restart, three crashes over", async () => {
  const finished: { cookie: string; email: string }[] = [];
  let site: RunningProcessSite | undefined;
  try {
    for (let crash = 1; crash <= crashes; crash++) {
      site = await start();
      const running = site;
      let killed = false;
      const before = finished.length;
      const loops = emails.map(async (email) => {
        while (!killed) {
          try {
            const signedIn = await signInOverHttp(origin, email);
            if (!killed) finished.push({ cookie: signedIn.cookieHeader, email });
          } catch {
            // Cut off by the kill: the visitor never saw a greeting, so nothing was promised.
          }
        }
      });
      await expect.poll(() => finished.length - before, { timeout: 60_000 }).toBeGreaterThanOrEqual(signInsBeforeKill);
      // Sign-ins are still in flight: the kill lands among their writes.
      await running.process.crash();
      killed = true;
      await Promise.all(loops);
      console.log(`crash ${crash}: SIGKILL after ${finished.length - before} sign-ins this run`);
    }

    site = await start();
    const lost: string[] = [];
    for (const { cookie, email } of finished) if (!(await greets(cookie, email))) lost.push(email);
    console.log(`${finished.length} sign-ins finished before the ${crashes} kills; ${lost.length} lost`);
    expect(lost, site.output()).toEqual([]);
  } finally {
    await site?.stop();
  }
});
