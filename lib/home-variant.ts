/**
 * `/` is prerendered once, at build time, for everyone: it cannot know what only the running server knows. The
 * middleware serves these twins of it instead (same content), internal addresses that are not public pages.
 */
export const homeVariantPaths = {
  /** Rendered per request, so its social preview links carry the run-time origin: for link-preview crawlers only. */
  linkPreview: "/welcome/preview",
} as const;

/** Set by the middleware on its own rewrite to a twin (someone sending it themselves merely sees a twin of `/`). */
export const homeVariantHeader = "x-nametag-home-variant";

/** Crawlers that read Open Graph tags to draw a link preview (people's browsers never match); middleware.ts's matcher lists them too. */
const linkPreviewCrawlers =
  /facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely/i;

/**
 * Which twin answers `/` for a visitor who is not signed in; undefined for the prerendered page itself, which people
 * get without waking the middleware (and so without the demo badge, which only the running server can know about).
 */
export function homeVariant(userAgent: string | null): string | undefined {
  return userAgent && linkPreviewCrawlers.test(userAgent) ? homeVariantPaths.linkPreview : undefined;
}

export const isHomeVariantPath = (pathname: string) => Object.values<string>(homeVariantPaths).includes(pathname.replace(/\/$/, ""));
