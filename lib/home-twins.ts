/**
 * `/` is one page and two twins. The page is prerendered once, at build time, for everyone (app/(public)/page.tsx),
 * so it cannot know what only the running server knows; for those who need that, the middleware serves a twin from
 * app/home/ in its place:
 * - `signedIn`: a visitor with a session cookie gets their own home (rewritten to by the middleware);
 * - `linkPreview`: a link-preview crawler gets the same page rendered per request, so its social links carry the
 *   run-time origin (the middleware names it in a request header, next.config.ts's rewrite serves it).
 * Neither is an address of its own: asked for directly, each is not found.
 */
export const homeTwins = {
  signedIn: "/home",
  linkPreview: "/home/link-preview",
} as const;

type HomeTwin = keyof typeof homeTwins;

/** Request header set by the middleware only (it replaces any a visitor sends); next.config.ts rewrites on it. */
export const homeTwinHeader = "x-nametag-home-twin";

/** What the middleware rewrites a twin's own address to: a path no page has, so Next answers with the 404 page. */
export const notFoundPath = "/_no-such-page";

/** Crawlers that read Open Graph tags to draw a link preview (people's browsers never match); middleware.ts's matcher repeats them. */
const linkPreviewCrawlers =
  /facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely/i;

/**
 * Which twin answers `/`; undefined for the prerendered page itself, which people without a session get without
 * waking the middleware at all (and so without the demo badge, which only the running server knows of).
 */
export function homeTwinFor({
  signedIn,
  userAgent,
}: {
  signedIn: boolean;
  userAgent: string | null;
}): HomeTwin | undefined {
  if (signedIn) return "signedIn";
  return userAgent && linkPreviewCrawlers.test(userAgent) ? "linkPreview" : undefined;
}

/** next.config.ts `rewrites.beforeFiles`: after the middleware, before the prerendered `/` is looked up. */
export const homeTwinRewrites = [
  {
    source: "/",
    has: [{ type: "header" as const, key: homeTwinHeader, value: "linkPreview" }],
    destination: homeTwins.linkPreview,
  },
];

export const isHomeTwinPath = (pathname: string) =>
  Object.values<string>(homeTwins).includes(pathname.replace(/\/$/, ""));
