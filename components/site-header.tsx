import Link from "next/link";
import type { Session } from "next-auth";
import { Avatar } from "@/components/avatar";
import { SignOutButton } from "@/components/sign-out-button";

export function SiteHeader({ user }: { user?: Session["user"] }) {
  return (
    <header className="site-header">
      <Link href="/" className="site-name">
        Hello, Google
      </Link>
      {user && (
        <div className="site-user">
          <Avatar user={user} size={32} />
          <span className="site-user-email">{user.email}</span>
          <SignOutButton />
        </div>
      )}
    </header>
  );
}
