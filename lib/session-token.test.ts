import { describe, expect, it } from "vitest";
import { isIssuedSessionToken, newSessionId, newSessionToken, parseSessionId, sessionTokenHash } from "./session-token";

const secret = "a-secret-that-is-long-enough-for-the-tests";

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
    for (const candidate of [flipped, `${random}.${"A".repeat(43)}`, newSessionToken("another-secret-that-is-long-enough"), "garbage", "", `${token}x`, `${token}.x`, "é".repeat(87)])
      expect(isIssuedSessionToken(candidate, [secret])).toBe(false);
    expect(isIssuedSessionToken(undefined, [secret])).toBe(false);
    expect(isIssuedSessionToken(token, [])).toBe(false);
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
    for (const candidate of [null, "", `${id}x`, id.slice(1), "a".repeat(21) + "/", new File([id], "id")]) expect(parseSessionId(candidate)).toBeNull();
  });
});
