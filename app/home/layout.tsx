// First: the site's base styles must come before every module's own (the cascade breaks ties by order).
import { publicPageMetadata, SiteBody, siteViewport } from "@/app/site-body";

export const generateMetadata = publicPageMetadata;
export const viewport = siteViewport;

/** The twins of `/` (lib/home-twins.ts) draw their own frame: who is signed in decides its header. */
export default function HomeTwinsLayout({ children }: { children: React.ReactNode }) {
  return <SiteBody>{children}</SiteBody>;
}
