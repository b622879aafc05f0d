import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInPath } from "./redirects";

describe("safeCallbackUrl", () => {
  it.each([
    ["/greeting", "/greeting"],
    ["/greeting?tab=1#top", "/greeting?tab=1#top"],
    ["/", "/"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,hi",
    "http:evil.example",
    "greeting",
    "",
  ])("sends %j to the fallback", (input) => {
    expect(safeCallbackUrl(input)).toBe("/greeting");
  });

  it("takes the first of repeated parameters and honours the fallback", () => {
    expect(safeCallbackUrl(["/account", "https://evil.example"])).toBe("/account");
    expect(safeCallbackUrl(undefined, "/")).toBe("/");
  });
});

describe("signInPath", () => {
  it("remembers where the visitor was going", () => {
    expect(signInPath("/greeting?x=1")).toBe("/signin?callbackUrl=%2Fgreeting%3Fx%3D1");
  });
});
