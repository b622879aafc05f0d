import { PageFrame } from "@/components/page-frame";
import { requireSession } from "@/server/session";

/** Every page in this group is signed-in only: without a live session the visitor goes through sign-in first. */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireSession();
  return <PageFrame user={user}>{children}</PageFrame>;
}
