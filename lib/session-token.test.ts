import { describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import { isTokenAlive, refreshedMaxAge, sessionFromToken } from "./session-token";

const lifetime = { idleSeconds: 100, maxSeconds: 1000 };
const signedInAt = 10_000;
const token: JWT = { sub: "1", email: "ada@example.com", name: "Ada", picture: null, emailVerified: true, signedInAt, exp: signedInAt + 100 };

describe("session lifetime", () => {
  it("keeps a token alive until its idle expiry", () => {
    expect(isTokenAlive(token, lifetime, signedInAt + 99)).toBe(true);
    expect(isTokenAlive(token, lifetime, signedInAt + 100)).toBe(false);
  });

  it("ends a token at the absolute cap, whatever its expiry says", () => {
    const stretched = { ...token, exp: signedInAt + 5000 };
    expect(isTokenAlive(stretched, lifetime, signedInAt + 999)).toBe(true);
    expect(isTokenAlive(stretched, lifetime, signedInAt + 1000)).toBe(false);
  });

  it("refuses tokens without the claims we issue", () => {
    expect(isTokenAlive({ ...token, signedInAt: undefined } as unknown as JWT, lifetime, signedInAt)).toBe(false);
    expect(isTokenAlive({ ...token, sub: undefined }, lifetime, signedInAt)).toBe(false);
  });

  it("renews for the idle timeout, cut short by the cap", () => {
    expect(refreshedMaxAge(token, lifetime, signedInAt + 10)).toBe(100);
    expect(refreshedMaxAge(token, lifetime, signedInAt + 950)).toBe(50);
    expect(refreshedMaxAge(token, lifetime, signedInAt + 2000)).toBe(0);
  });

  it("shapes the session pages see", () => {
    expect(sessionFromToken(token)).toEqual({
      user: { id: "1", email: "ada@example.com", name: "Ada", image: null, emailVerified: true },
      signedInAt: new Date(signedInAt * 1000).toISOString(),
      expires: new Date((signedInAt + 100) * 1000).toISOString(),
    });
  });
});
