import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStandIn, type StandIn } from "./stand-in";

let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn({ port: 0, clientId: "client", clientSecret: "secret", redirectUris: [] });
});
afterAll(() => standIn.close());

const post = async (path: string, body: unknown = {}) =>
  (await fetch(`${standIn.issuer}${path}`, { method: "POST", body: JSON.stringify(body) })).json() as Promise<{
    token: string;
    kid: string;
  }>;

describe("the stand-in's RISC transmitter", () => {
  it("publishes a configuration whose keys verify the tokens it signs, as Google's issuer (with its trailing slash)", async () => {
    const config = (await (await fetch(`${standIn.issuer}/.well-known/risc-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(config.issuer).toBe(`${standIn.issuer}/`);
    const { token } = await post("/risc/test/sign", { events: { "urn:example": {} } });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", typ: "secevent+jwt" });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(config.jwks_uri)), {
      issuer: config.issuer,
      audience: "client",
      algorithms: ["RS256"],
    });
    expect(payload.jti).toEqual(expect.any(String));
  });

  it("rotates its key: tokens signed before no longer match a published key", async () => {
    const { token } = await post("/risc/test/sign", {});
    const { kid } = await post("/risc/test/rotate-key");
    const { keys } = (await (await fetch(`${standIn.issuer}/risc/jwks`)).json()) as { keys: { kid: string }[] };
    expect(keys.map((key) => key.kid)).toEqual([kid]);
    expect(decodeProtectedHeader(token).kid).not.toBe(kid);
  });

  it("signs only on POST", async () => {
    expect((await fetch(`${standIn.issuer}/risc/test/sign`)).status).toBe(403);
  });
});
