/**
 * `/` is prerendered once, at build time, for everyone: it cannot know what only the running server knows. The
 * middleware serves these twins of it instead (same content), internal addresses that are not public pages.
 */
export const homeVariantPaths = {
  /** Prerendered too, with the "Demo sign-in" badge: for a server started against the local stand-in. */
  demo: "/welcome/demo",
  /** Rendered per request, so its social preview links carry the run-time origin: for link-preview crawlers only. */
  linkPreview: "/welcome/preview",
} as const;

/** Set by the middleware on its own rewrite to a twin (someone sending it themselves merely sees a twin of `/`). */
export const homeVariantHeader = "x-nametag-home-variant";

/** Crawlers that read Open Graph tags to draw a link preview (people's browsers never match). */
const linkPreviewCrawlers =
  /facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely/i;

/** Which twin answers `/` for a visitor who is not signed in; undefined for the prerendered page itself. */
export function homeVariant(userAgent: string | null, demo: boolean): string | undefined {
  if (userAgent && linkPreviewCrawlers.test(userAgent)) return homeVariantPaths.linkPreview;
  return demo ? homeVariantPaths.demo : undefined;
}

export const isHomeVariantPath = (pathname: string) => Object.values<string>(homeVariantPaths).includes(pathname.replace(/\/$/, ""));
