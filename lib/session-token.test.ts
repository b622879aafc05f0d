import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIssuedSessionToken, newSessionId, newSessionToken, parseSessionId, sessionTokenHash } from "./session-token";

const secret = "a-secret-that-is-long-enough-for-the-tests";
const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("session tokens", () => {
  it("recognises a token it issued, under any of the current secrets", () => {
    const token = newSessionToken(secret);
    expect(isIssuedSessionToken(token, [secret])).toBe(true);
    expect(isIssuedSessionToken(token, ["a-newer-secret-that-is-long-enough", secret])).toBe(true);
  });

  it("refuses forged, altered, foreign and malformed tokens without throwing", () => {
    const token = newSessionToken(secret);
    const [random, mac] = token.split(".") as [string, string];
    const flipped = `${random.slice(0, -1)}${random.endsWith("A") ? "B" : "A"}.${mac}`;
    for (const candidate of [
      flipped,
      `${random}.${"A".repeat(43)}`,
      newSessionToken("another-secret-that-is-long-enough"),
      "garbage",
      "",
      `${token}x`,
      `${token}.x`,
      "é".repeat(87),
    ])
      expect(isIssuedSessionToken(candidate, [secret])).toBe(false);
    expect(isIssuedSessionToken(undefined, [secret])).toBe(false);
    expect(isIssuedSessionToken(token, [])).toBe(false);
  });

  it("accepts only the encoding it issues: the MAC's last character carries two spare bits, and other values are refused", () => {
    const token = newSessionToken(secret);
    const last = base64url.indexOf(token.at(-1)!);
    // 32 bytes in 43 characters: the last one carries 4 bits and 2 spare ones, which the site always leaves at zero.
    expect(last % 4).toBe(0);
    for (const spare of [1, 2, 3])
      expect(isIssuedSessionToken(`${token.slice(0, -1)}${base64url[last + spare]}`, [secret])).toBe(false);
  });

  it("refuses a token with any one character changed", () => {
    const token = newSessionToken(secret);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...base64url, ".", "=", "+", "/"), (at, character) => {
        fc.pre(token[at] !== character);
        expect(isIssuedSessionToken(`${token.slice(0, at)}${character}${token.slice(at + 1)}`, [secret])).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it("remembers a good MAC only for the secrets it was checked under, and never for a token it refused", () => {
    const secrets = [secret];
    const token = newSessionToken(secret);
    expect(isIssuedSessionToken(token, secrets)).toBe(true);
    // Remembered for `secrets`: a rotated-out secret (another list) checks again and refuses.
    expect(isIssuedSessionToken(token, ["a-newer-secret-that-is-long-enough"])).toBe(false);
    expect(isIssuedSessionToken(token, secrets)).toBe(true);
    const forged = `${token.slice(0, -2)}${token.endsWith("AA") ? "BA" : "AA"}`;
    expect(isIssuedSessionToken(forged, secrets)).toBe(false);
    expect(isIssuedSessionToken(forged, secrets)).toBe(false);
  });

  it("stores a one-way hash: different for every token, never the token itself", () => {
    const token = newSessionToken(secret);
    expect(sessionTokenHash(token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionTokenHash(token)).not.toContain(token.split(".")[0]);
    expect(sessionTokenHash(token)).not.toBe(sessionTokenHash(newSessionToken(secret)));
  });

  it("reads a session id from a form only when it has the shape of one", () => {
    const id = newSessionId();
    expect(parseSessionId(id)).toBe(id);
    for (const candidate of [null, "", `${id}x`, id.slice(1), "a".repeat(21) + "/", new File([id], "id")])
      expect(parseSessionId(candidate)).toBeNull();
  });
});
