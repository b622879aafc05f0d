/** Runs the Google stand-in on its own: `npm run stand-in`. */
import { standInClientFrom } from "./client";
import { startStandIn } from "./stand-in";

const port = Number(process.env.GOOGLE_STAND_IN_PORT ?? 3001);
const sitePort = Number(process.env.PORT ?? 3000);
const standIn = await startStandIn({
  port,
  ...standInClientFrom(process.env),
  redirectUris: process.env.GOOGLE_STAND_IN_REDIRECT_URIS?.split(",") ?? [
    `http://localhost:${sitePort}/api/auth/callback/google`,
    `http://127.0.0.1:${sitePort}/api/auth/callback/google`,
  ],
});
console.log(`Google stand-in: ${standIn.issuer} (discovery at ${standIn.issuer}/.well-known/openid-configuration)`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void standIn.close().then(() => process.exit(0)));
