import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStandIn, type StandIn } from "./stand-in";

let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn({
    port: 0,
    clientId: "client",
    clientSecret: "secret",
    redirectUris: ["http://localhost:3000/api/auth/callback/google"],
  });
});
afterAll(() => standIn.close());

/** GET on the stand-in's address with any Host header, as a browser after a DNS rebinding would send it. */
function getWithHost(path: string, host: string): Promise<number> {
  const { hostname, port } = new URL(standIn.issuer);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the stand-in answers loopback names only (no DNS rebinding)", () => {
  const port = () => new URL(standIn.issuer).port;

  it.each(["127.0.0.1", "localhost", "[::1]", "app.localhost"])("answers Host %s", async (name) => {
    expect(await getWithHost("/.well-known/openid-configuration", `${name}:${port()}`)).toBe(200);
  });

  it.each(["evil.example", "rebind.attacker.example", "192.168.1.10", "localhost.evil.example", "bad host"])(
    "refuses Host %j with 421",
    async (name) => {
      for (const path of ["/.well-known/openid-configuration", "/jwks", "/auth?client_id=client", "/interaction/x"])
        expect(await getWithHost(path, name && `${name}:${port()}`)).toBe(421);
    },
  );
});
