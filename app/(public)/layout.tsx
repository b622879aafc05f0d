// First: the site's base styles must come before every module's own (the cascade breaks ties by order).
import { publicPageMetadata, SiteBody, siteViewport } from "@/app/site-body";
import { PageFrame } from "@/components/page-frame";

export const generateMetadata = publicPageMetadata;
export const viewport = siteViewport;

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <SiteBody>
      <PageFrame>{children}</PageFrame>
    </SiteBody>
  );
}
