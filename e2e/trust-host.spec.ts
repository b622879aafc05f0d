import { expect, test, type APIRequestContext } from "@playwright/test";
import { startHostileProvider, type HostileProvider } from "./hostile-provider/provider";
import { freePort } from "../scripts/free-port";
import { spawnGroup, type GroupProcess } from "../scripts/process-group";
import { quietEnv } from "../scripts/site-env";
import { startNext, type RunningSite } from "./servers";

const clientId = "untrusted-host-client";
const clientSecret = "untrusted-host-secret";
/** What a client forges to make the site build its URLs on another host. */
const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" };

/** Posts our sign-in page's form (a server action, as a browser without JavaScript does) with forged forwarding headers. */
async function signInWithForgedHost(request: APIRequestContext, siteUrl: string): Promise<string> {
  const html = await (await request.get(`${siteUrl}/signin`)).text();
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(actionField, "the sign-in form's server action").toBeDefined();
  const answer = await request.post(`${siteUrl}/signin`, {
    headers: forged,
    multipart: { [actionField!]: "", callbackUrl: "/greeting" },
    maxRedirects: 0,
  });
  expect(answer.status()).toBeLessThan(400);
  return answer.headers().location ?? "";
}

test.describe("AUTH_TRUST_HOST=false: forged X-Forwarded-Host and X-Forwarded-Proto are not trusted", () => {
  let provider: HostileProvider;
  let site: RunningSite | undefined;
  /** No AUTH_URL, so Auth.js itself refuses every request: started without waiting for its endpoints to answer. */
  let siteWithoutUrl: GroupProcess | undefined;
  let withoutUrl: string;

  test.beforeAll(async ({}, testInfo) => {
    // Two starts of the site, each up to 60 s on a busy machine.
    testInfo.setTimeout(130_000);
    // The provider must know the site's redirect URI, so the site's port is picked first.
    const port = await freePort();
    provider = await startHostileProvider({
      port: 0,
      clientId,
      clientSecret,
      redirectUri: `http://localhost:${port}/api/auth/callback/google`,
    });
    const common = {
      AUTH_TRUST_HOST: "false",
      AUTH_GOOGLE_ID: clientId,
      AUTH_GOOGLE_SECRET: clientSecret,
      AUTH_GOOGLE_ISSUER: provider.issuer,
      AUTH_ALLOW_LOCAL_ISSUER: "true",
    };
    // No AUTH_URL: production refuses this start (lib/env.ts), so run it as NODE_ENV=test to see what Auth.js itself does.
    const environment: NodeJS.ProcessEnv = { ...process.env, ...quietEnv, ...common, NODE_ENV: "test" };
    // Unset, not empty: Auth.js reads an empty AUTH_URL as "host not trusted" on its own.
    delete environment.AUTH_URL;
    const withoutUrlPort = await freePort();
    withoutUrl = `http://127.0.0.1:${withoutUrlPort}`;
    siteWithoutUrl = spawnGroup(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(withoutUrlPort), "-H", "127.0.0.1"],
      environment,
    );
    site = await startNext(common, port);
    await expect
      .poll(
        () =>
          fetch(`${withoutUrl}/signin`, { signal: AbortSignal.timeout(2_000) }).then(
            (answer) => answer.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    await site?.stop();
    await siteWithoutUrl?.stop();
    await provider?.close();
  });

  test("with AUTH_URL, the provider is sent our configured redirect_uri", async ({ request }) => {
    const location = new URL(await signInWithForgedHost(request, site!.url));
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get("redirect_uri")).toBe(`${site!.url}/api/auth/callback/google`);
  });

  test("without AUTH_URL, Auth.js does not trust the host either, and the sign-in ends on our error page", async ({
    request,
  }) => {
    // Auth.js read AUTH_TRUST_HOST=false as true before: it answered here, and the provider got redirect_uri=https://evil.example/…
    expect((await request.get(`${withoutUrl}/api/auth/providers`, { headers: forged })).status()).toBe(500);
    const location = await signInWithForgedHost(request, withoutUrl);
    expect(location).not.toContain("evil.example");
    expect(new URL(location, withoutUrl).pathname).toBe("/signin/error");
  });
});
