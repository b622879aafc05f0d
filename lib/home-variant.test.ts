import { describe, expect, it } from "vitest";
import { homeVariant, homeVariantRewrites, isHomeVariantPath } from "./home-variant";

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

describe("homeVariant", () => {
  it("serves people the prerendered page when the server talks to Google", () => {
    expect(homeVariant(chrome, false)).toBeUndefined();
    expect(homeVariant(null, false)).toBeUndefined();
  });
  it("serves the badge twin in demo mode", () => {
    expect(homeVariant(chrome, true)).toBe("demo");
  });
  it("serves link-preview crawlers the per-request twin, in either mode", () => {
    for (const crawler of ["facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Twitterbot/1.0", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"]) {
      expect(homeVariant(crawler, false)).toBe("linkPreview");
      expect(homeVariant(crawler, true)).toBe("linkPreview");
    }
  });
  it("does not send Lighthouse to the dynamic twin (the performance budget measures the prerendered page)", () => {
    expect(homeVariant(`${chrome} Chrome-Lighthouse`, false)).toBeUndefined();
  });
  it("rewrites `/` to each twin only on the middleware's header", () => {
    expect(homeVariantRewrites).toEqual([
      { source: "/", has: [{ type: "header", key: "x-nametag-home-variant", value: "demo" }], destination: "/welcome/demo" },
      { source: "/", has: [{ type: "header", key: "x-nametag-home-variant", value: "linkPreview" }], destination: "/welcome/preview" },
    ]);
  });
  it("knows its own internal addresses", () => {
    expect(isHomeVariantPath("/welcome/demo")).toBe(true);
    expect(isHomeVariantPath("/welcome/preview/")).toBe(true);
    expect(isHomeVariantPath("/welcome")).toBe(false);
  });
});
