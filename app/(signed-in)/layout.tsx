import { auth } from "@/auth";
import { PageFrame } from "@/components/page-frame";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  return <PageFrame user={session?.user}>{children}</PageFrame>;
}
