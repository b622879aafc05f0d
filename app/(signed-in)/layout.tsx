import { headers } from "next/headers";
import { PageFrame } from "@/components/page-frame";
import { StoreUnavailable } from "@/components/store-unavailable";
import { safeCallbackUrl } from "@/lib/redirects";
import { requireSessionOrOutage, returnToHeader } from "@/server/session";

/**
 * Every page in this group is signed-in only: without a live session the visitor goes through sign-in first. While
 * the database cannot answer, the page's place shows that instead (the answer is a 503, server/store-outage.ts).
 */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSessionOrOutage();
  if (session === "unavailable")
    return (
      <PageFrame outage>
        <StoreUnavailable retryPath={safeCallbackUrl((await headers()).get(returnToHeader) ?? "/")} />
      </PageFrame>
    );
  return <PageFrame user={session.user}>{children}</PageFrame>;
}
