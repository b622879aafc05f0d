import { PageFrame } from "@/components/page-frame";
import { publicPageMetadata, SiteBody, siteViewport } from "@/app/site-body";

export const generateMetadata = publicPageMetadata;
export const viewport = siteViewport;

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <SiteBody>
      <PageFrame>{children}</PageFrame>
    </SiteBody>
  );
}
