import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInPath } from "./redirects";

const ourOrigin = "http://localhost:3000";

/** The result is a path on our site that no browser reads as another host. */
function expectSameOriginPath(result: string, origin = ourOrigin) {
  expect(result.startsWith("/")).toBe(true);
  expect(result).not.toMatch(/^\/[/\\]/);
  expect(new URL(result, origin).origin).toBe(origin);
}

describe("safeCallbackUrl", () => {
  it.each([
    ["/greeting", "/greeting"],
    ["/greeting?tab=1#top", "/greeting?tab=1#top"],
    ["/", "/"],
    ["/account/./", "/account/"],
    ["/a/../greeting", "/greeting"],
    [" /greeting", "/greeting"],
    // Looks hostile, parses as a path on our site: harmless.
    ["/\u0000/evil.example", "/%00/evil.example"],
    ["/.well-known/../@evil.example", "/@evil.example"],
  ])("keeps the same-origin path %j as %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it("keeps an absolute URL on our own origin, as a path", () => {
    expect(safeCallbackUrl(`${ourOrigin}/account?x=1`, "/", ourOrigin)).toBe("/account?x=1");
    expect(safeCallbackUrl("http://localhost:3001/account", "/", ourOrigin)).toBe("/");
    // Userinfo-looking backslash: browsers (and URL) read the host as ours, the rest as the path.
    expect(safeCallbackUrl("http://localhost:3000\\@evil.example", "/", ourOrigin)).toBe("/@evil.example");
  });

  const hostile = [
    // Absolute and protocol-relative
    "https://evil.example",
    "http:evil.example",
    "https:/\\evil.example/",
    "//evil.example",
    "///evil.example",
    " //evil.example",
    // Dot segments resolving to a protocol-relative path
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "/./%2F/evil.example",
    "/%2e%2e//evil.example",
    "/%2E//evil.example",
    "/.%2e//evil.example",
    "/%2e/%2fevil.example",
    // Encoded slashes and backslashes
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    // Backslashes
    "/\\evil.example",
    "\\\\evil.example",
    "/.\\/evil.example",
    "/./\\evil.example",
    "\\/evil.example",
    // Tabs, newlines and other controls browsers drop
    "/\t/evil.example",
    "/\n/evil.example",
    "\r\n//evil.example",
    "/.\t//evil.example",
    // Userinfo
    "https://localhost:3000@evil.example/",
    "//user:pass@evil.example",
    // Schemes that run or embed content
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    // IPv6 and IDN hosts
    "http://[::1]/",
    "//[::ffff:127.0.0.1]/",
    "https://ехаmple.com/",
    "//xn--80ak6aa92e.com",
    "https://localhost:3000.evil.example/",
    // Relative paths and nonsense
    "greeting",
    "evil.example",
    "",
    // Very long input
    `/${"a".repeat(5000)}`,
    `/${"./".repeat(3000)}/evil.example`,
  ];

  it(`has at least 25 hostile destinations (${hostile.length})`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25);
  });

  /** A readable test name, however long the input. */
  const label = (input: string) =>
    JSON.stringify(input.length > 60 ? `${input.slice(0, 40)}… (${input.length} characters)` : input);

  it.each(hostile.map((input) => [label(input), input]))("sends %s to the fallback", (_label, input) => {
    expect(safeCallbackUrl(input, "/greeting", ourOrigin)).toBe("/greeting");
    expect(safeCallbackUrl(input)).toBe("/greeting");
  });

  it("takes the first of repeated parameters and honours the fallback", () => {
    expect(safeCallbackUrl(["/account", "https://evil.example"])).toBe("/account");
    expect(safeCallbackUrl(undefined, "/")).toBe("/");
  });
});

/** URL-ish strings built from the pieces attackers combine: schemes, slashes, dots, encodings, controls, hosts. */
const urlish = fc
  .array(
    fc.constantFrom(
      "/",
      "//",
      "\\",
      "/\\",
      ".",
      "..",
      "./",
      "../",
      "%2e",
      "%2E",
      "%2f",
      "%2F",
      "%5c",
      "%5C",
      "%252f",
      "\t",
      "\n",
      "\r",
      " ",
      "\u0000",
      "@",
      ":",
      "?",
      "#",
      "http:",
      "https:",
      "javascript:",
      "data:",
      "evil.example",
      "localhost",
      "localhost:3000",
      "[::1]",
      "xn--80ak6aa92e.com",
      "ехаmple.com",
      "greeting",
      "user:pass@",
      "&",
      "=",
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("safeCallbackUrl, for any input", () => {
  it("returns a same-origin path that does not start with // or /\\", () => {
    fc.assert(
      fc.property(fc.oneof(urlish, fc.string(), fc.webUrl(), fc.webPath(), fc.string({ unit: "binary" })), (input) => {
        expectSameOriginPath(safeCallbackUrl(input, "/", ourOrigin));
        expectSameOriginPath(safeCallbackUrl(input), "http://site.invalid");
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("signInPath", () => {
  it("remembers where the visitor was going", () => {
    expect(signInPath("/greeting?x=1")).toBe("/signin?callbackUrl=%2Fgreeting%3Fx%3D1");
  });
});
