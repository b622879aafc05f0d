// First: the site's base styles must come before every module's own (the cascade breaks ties by order).
import { SiteBody, signedInPageMetadata, siteViewport } from "@/app/site-body";
import { headers } from "next/headers";
import { NewDeviceNotice } from "@/components/new-device-notice";
import { PageFrame } from "@/components/page-frame";
import { StoreUnavailable } from "@/components/store-unavailable";
import { pendingNewDeviceNotice } from "@/db/security-events";
import { safeCallbackUrl } from "@/lib/redirects";
import { pageData, requireSessionOrOutage, returnToHeader } from "@/server/session";
import { isStoreUnavailable } from "@/server/store-outage";

export const metadata = signedInPageMetadata;
export const viewport = siteViewport;

/**
 * Every page in this group is signed-in only: without a live session the visitor goes through sign-in first. While
 * the database cannot answer, the page's place shows that instead (the answer is a 503, server/store-outage.ts).
 */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSessionOrOutage();
  // The session lookup says whether there is one: only then is the notice itself read.
  const notice =
    session === "unavailable" || !session.hasNewDeviceNotice
      ? undefined
      : await pageData("new-device notice", () => pendingNewDeviceNotice(session.user.id, session.sessionId)).catch(
          (error: unknown) => {
            if (isStoreUnavailable(error)) return "unavailable" as const;
            throw error;
          },
        );
  const returnTo = (await headers()).get(returnToHeader);
  if (session === "unavailable" || notice === "unavailable")
    return (
      <SiteBody>
        <PageFrame outage>
          <StoreUnavailable retryPath={safeCallbackUrl(returnTo ?? "/")} />
        </PageFrame>
      </SiteBody>
    );
  return (
    <SiteBody>
      <PageFrame user={session.user}>
        {notice && <NewDeviceNotice event={notice} now={new Date()} returnTo={returnTo ?? "/account/activity"} />}
        {children}
      </PageFrame>
    </SiteBody>
  );
}
