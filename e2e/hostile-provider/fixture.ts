import { test as base } from "@playwright/test";
import { freePort } from "../../scripts/free-port";
import { startNext, type RunningSite } from "../servers";
import { startHostileProvider } from "./provider";

const clientId = "hostile-client";
const clientSecret = "hostile-client-secret";

/**
 * One extra `next start` of the same build per worker, signing in through the hostile provider; the mode is picked
 * per sign-in on the provider's page, so every test in the worker shares these two servers.
 */
export const test = base.extend<object, { hostileSite: RunningSite; providerDownSite: RunningSite }>({
  hostileSite: [
    async ({}, use) => {
      // The provider must know the site's redirect URI, so the site's port is picked first.
      const sitePort = await freePort();
      const provider = await startHostileProvider({
        port: 0,
        clientId,
        clientSecret,
        redirectUri: `http://localhost:${sitePort}/api/auth/callback/google`,
      });
      const site = await startNext(
        {
          AUTH_GOOGLE_ID: clientId,
          AUTH_GOOGLE_SECRET: clientSecret,
          AUTH_GOOGLE_ISSUER: provider.issuer,
          AUTH_ALLOW_LOCAL_ISSUER: "true",
        },
        sitePort,
      ).catch(async (error: unknown) => {
        await provider.close();
        throw error;
      });
      await use(site);
      await site.stop();
      await provider.close();
    },
    { scope: "worker" },
  ],
  providerDownSite: [
    async ({}, use) => {
      const site = await startNext({
        AUTH_GOOGLE_ID: clientId,
        AUTH_GOOGLE_SECRET: clientSecret,
        // A port nothing listens on: the provider is down.
        AUTH_GOOGLE_ISSUER: `http://127.0.0.1:${await freePort()}`,
        AUTH_ALLOW_LOCAL_ISSUER: "true",
      });
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
});

export { expect } from "@playwright/test";
