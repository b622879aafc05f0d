/**
 * `/` is prerendered once, at build time, for everyone: it cannot know what only the running server knows. For those
 * who need it, one of these twins (same content) answers instead: the middleware names the twin in a request header
 * and next.config.ts's rewrite serves it. (A rewrite from the middleware itself would run the middleware twice.)
 */
const homeVariantPaths = {
  /** Rendered per request, so its social preview links carry the run-time origin: for link-preview crawlers only. */
  linkPreview: "/welcome/preview",
} as const;

export type HomeVariant = keyof typeof homeVariantPaths;

/** Request header set by the middleware only (it replaces any a visitor sends); next.config.ts rewrites on it. */
export const homeVariantHeader = "x-nametag-home-variant";

/** Crawlers that read Open Graph tags to draw a link preview (people's browsers never match); middleware.ts's matcher repeats them. */
const linkPreviewCrawlers =
  /facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely/i;

/**
 * Which twin answers `/` for a visitor who is not signed in; undefined for the prerendered page itself, which people
 * get without waking the middleware at all (and so without the demo badge, which only the running server knows of).
 */
export function homeVariant(userAgent: string | null): HomeVariant | undefined {
  return userAgent && linkPreviewCrawlers.test(userAgent) ? "linkPreview" : undefined;
}

/** next.config.ts `rewrites.beforeFiles`: after the middleware, before the prerendered `/` is looked up. */
export const homeVariantRewrites = (Object.entries(homeVariantPaths) as [HomeVariant, string][]).map(([variant, destination]) => ({
  source: "/",
  has: [{ type: "header" as const, key: homeVariantHeader, value: variant }],
  destination,
}));

export const isHomeVariantPath = (pathname: string) => Object.values<string>(homeVariantPaths).includes(pathname.replace(/\/$/, ""));
