// First: the site's base styles must come before every module's own (the cascade breaks ties by order).
import { publicPageMetadata, SiteBody, siteViewport } from "@/app/site-body";
import type { Metadata } from "next";
import { CompassIcon } from "@/components/icons";
import { PageFrame } from "@/components/page-frame";
import { Panel } from "@/components/panel";
import { siteName } from "@/lib/site";

export const generateMetadata = (): Metadata => ({
  ...publicPageMetadata(),
  title: `Page not found · ${siteName}`,
  description: "There is nothing at this address.",
});
export const viewport = siteViewport;

/**
 * Any address no page has (next.config.ts `experimental.globalNotFound`): a page of its own, not a fallback that Next
 * would serialise into every other page's payload, as it does with app/not-found.tsx. Prerendered, so it cannot know
 * the visitor: the header offers signing in, as on the home page.
 */
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body>
        <SiteBody>
          <PageFrame>
            <Panel icon={<CompassIcon />} title="Page not found">
              <p>There is nothing at this address. It may have moved, or the link may be wrong.</p>
              <div className="actions">
                <a className="button button-primary" href="/">
                  Go to the home page
                </a>
              </div>
            </Panel>
          </PageFrame>
        </SiteBody>
      </body>
    </html>
  );
}
