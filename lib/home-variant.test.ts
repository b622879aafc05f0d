import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { homeVariant, homeVariantRewrites, isHomeVariantPath } from "./home-variant";

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const crawlers = ["facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Twitterbot/1.0", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Mozilla/5.0 (compatible; Discordbot/2.0)", "WhatsApp/2.23", "LinkedInBot/1.0"];

describe("homeVariant", () => {
  it("serves people the prerendered page", () => {
    expect(homeVariant(chrome)).toBeUndefined();
    expect(homeVariant(null)).toBeUndefined();
  });
  it("serves link-preview crawlers the per-request twin", () => {
    for (const crawler of crawlers) expect(homeVariant(crawler)).toBe("linkPreview");
  });
  it("does not send Lighthouse to the dynamic twin (the performance budget measures the prerendered page)", () => {
    expect(homeVariant(`${chrome} Chrome-Lighthouse`)).toBeUndefined();
  });
  it("rewrites `/` to the twin only on the middleware's header", () => {
    expect(homeVariantRewrites).toEqual([{ source: "/", has: [{ type: "header", key: "x-nametag-home-variant", value: "linkPreview" }], destination: "/welcome/preview" }]);
  });
  it("knows its own internal addresses", () => {
    expect(isHomeVariantPath("/welcome/preview/")).toBe(true);
    expect(isHomeVariantPath("/welcome")).toBe(false);
  });
});

describe("middleware.ts's matcher", () => {
  it("wakes the middleware on `/` for the same crawlers (a matcher must be a literal, so it repeats the list)", () => {
    const value = /key: "user-agent", value: "([^"]+)"/.exec(readFileSync("middleware.ts", "utf8"))?.[1];
    expect(value).toBeDefined();
    const matcher = new RegExp(`^${value}$`);
    for (const crawler of crawlers) expect(matcher.test(crawler), crawler).toBe(true);
    expect(matcher.test(chrome)).toBe(false);
  });
});
