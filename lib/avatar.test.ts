import { describe, expect, it } from "vitest";
import { avatarTone, avatarToneCount, initialsOf } from "./avatar";

describe("initialsOf", () => {
  it("takes the first and last name", () => {
    expect(initialsOf({ name: "Ada Lovelace" })).toBe("AL");
    expect(initialsOf({ name: "Grace Brewster Murray Hopper" })).toBe("GH");
  });
  it("takes one letter for a single name", () => expect(initialsOf({ name: "cher" })).toBe("C"));
  it("skips punctuation and keeps letters beyond ASCII", () => {
    expect(initialsOf({ name: "  (Émile)   Zola-Durand " })).toBe("ÉZ");
    expect(initialsOf({ name: "李 小龍" })).toBe("李小");
  });
  it("falls back to the email address, then to a question mark", () => {
    expect(initialsOf({ name: "", email: "someone.new@example.org" })).toBe("S");
    expect(initialsOf({ name: "!!!", email: null })).toBe("?");
  });
});

describe("avatarTone", () => {
  it("is stable for a key and within range", () => {
    expect(avatarTone("109876543210987654321")).toBe(avatarTone("109876543210987654321"));
    for (const key of ["a", "b", "ada@example.com", "1"]) {
      expect(avatarTone(key)).toBeGreaterThanOrEqual(0);
      expect(avatarTone(key)).toBeLessThan(avatarToneCount);
    }
  });
  it("spreads different keys over the tones", () => {
    const tones = new Set(Array.from({ length: 64 }, (_, i) => avatarTone(`user-${i}`)));
    expect(tones.size).toBe(avatarToneCount);
  });
});
