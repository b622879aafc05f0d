import { headers } from "next/headers";
import { NewDeviceNotice } from "@/components/new-device-notice";
import { PageFrame } from "@/components/page-frame";
import { pendingNewDeviceNotice } from "@/db/security-events";
import { requireSession, returnToHeader } from "@/server/session";

/** Every page in this group is signed-in only: without a live session the visitor goes through sign-in first. */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const { user, sessionId } = await requireSession();
  // One indexed query: a sign-in from a device this account had not used, not yet answered.
  const notice = await pendingNewDeviceNotice(user.id, sessionId);
  return (
    <PageFrame user={user}>
      {notice && (
        <NewDeviceNotice
          event={notice}
          now={new Date()}
          returnTo={(await headers()).get(returnToHeader) ?? "/account/activity"}
        />
      )}
      {children}
    </PageFrame>
  );
}
