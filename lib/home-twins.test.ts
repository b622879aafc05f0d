import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { homeTwinFor, homeTwinRewrites, isHomeTwinPath } from "./home-twins";

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const crawlers = [
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "Twitterbot/1.0",
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "Mozilla/5.0 (compatible; Discordbot/2.0)",
  "WhatsApp/2.23",
  "LinkedInBot/1.0",
];

describe("homeTwinFor", () => {
  it("serves people the prerendered page", () => {
    expect(homeTwinFor({ signedIn: false, userAgent: chrome })).toBeUndefined();
    expect(homeTwinFor({ signedIn: false, userAgent: null })).toBeUndefined();
  });
  it("serves link-preview crawlers the per-request twin", () => {
    for (const crawler of crawlers) expect(homeTwinFor({ signedIn: false, userAgent: crawler })).toBe("linkPreview");
  });
  it("does not send Lighthouse to the dynamic twin (the performance budget measures the prerendered page)", () => {
    expect(homeTwinFor({ signedIn: false, userAgent: `${chrome} Chrome-Lighthouse` })).toBeUndefined();
  });
  it("serves a visitor with a session their own home, whatever their browser", () => {
    expect(homeTwinFor({ signedIn: true, userAgent: chrome })).toBe("signedIn");
    expect(homeTwinFor({ signedIn: true, userAgent: crawlers[0]! })).toBe("signedIn");
  });
  it("rewrites `/` to the crawlers' twin only on the middleware's header", () => {
    expect(homeTwinRewrites).toEqual([
      {
        source: "/",
        has: [{ type: "header", key: "x-nametag-home-twin", value: "linkPreview" }],
        destination: "/home/link-preview",
      },
    ]);
  });
  it("knows its own internal addresses", () => {
    expect(isHomeTwinPath("/home/link-preview/")).toBe(true);
    expect(isHomeTwinPath("/home")).toBe(true);
    expect(isHomeTwinPath("/homes")).toBe(false);
  });
});

describe("middleware.ts's matcher", () => {
  it("wakes the middleware on `/` for the same crawlers (a matcher must be a literal, so it repeats the list)", () => {
    const value = /key: "user-agent",\s*value:\s*"([^"]+)"/.exec(readFileSync("middleware.ts", "utf8"))?.[1];
    expect(value).toBeDefined();
    const matcher = new RegExp(`^${value}$`);
    for (const crawler of crawlers) expect(matcher.test(crawler), crawler).toBe(true);
    expect(matcher.test(chrome)).toBe(false);
  });
});
