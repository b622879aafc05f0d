import { describe, expect, it } from "vitest";
import { freshTokenSeconds, isRecentlyVerified, reverificationProblem } from "./reverification";

const now = 1_800_000_000;
const expected = { userId: "ada", now, windowSeconds: 600 };

describe("reverificationProblem", () => {
  it("accepts the same account with a fresh token", () => {
    expect(reverificationProblem({ sub: "ada", iat: now - 5 }, expected)).toBeUndefined();
    expect(reverificationProblem({ sub: "ada", iat: now, auth_time: now - 599 }, expected)).toBeUndefined();
  });

  it("refuses another Google account", () => {
    expect(reverificationProblem({ sub: "alan", iat: now }, expected)).toMatch(/different Google account/);
    expect(reverificationProblem({ iat: now }, expected)).toMatch(/different Google account/);
  });

  it("refuses a token issued more than a minute ago, or without iat", () => {
    expect(reverificationProblem({ sub: "ada", iat: now - freshTokenSeconds }, expected)).toBeUndefined();
    expect(reverificationProblem({ sub: "ada", iat: now - freshTokenSeconds - 1 }, expected)).toMatch(/61 s ago/);
    expect(reverificationProblem({ sub: "ada", iat: String(now) }, expected)).toMatch(/numeric iat/);
  });

  it("refuses an auth_time older than the window, or not a number", () => {
    expect(reverificationProblem({ sub: "ada", iat: now, auth_time: now - 601 }, expected)).toMatch(/601 s ago/);
    expect(reverificationProblem({ sub: "ada", iat: now, auth_time: "now" }, expected)).toMatch(/not a number/);
  });
});

describe("isRecentlyVerified", () => {
  const at = new Date("2026-12-03T10:00:00Z");
  it("is true within the window and false past it", () => {
    expect(isRecentlyVerified(at, new Date(at.getTime() + 600_000), 600)).toBe(true);
    expect(isRecentlyVerified(at, new Date(at.getTime() + 600_001), 600)).toBe(false);
  });
});
