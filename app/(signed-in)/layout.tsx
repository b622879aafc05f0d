import { auth } from "@/auth";
import { SiteHeader } from "@/components/site-header";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  return (
    <>
      <SiteHeader user={session?.user} />
      <main className="page">{children}</main>
    </>
  );
}
