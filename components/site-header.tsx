import type { Session } from "next-auth";
import { AccountMenu } from "@/components/account-menu";
import { BrandMark } from "@/components/brand-mark";
import { SignOutButton } from "@/components/sign-out-button";
import { siteName } from "@/lib/site";
import styles from "./site-header.module.css";

/**
 * Without a `user` (prerendered pages cannot know the visitor) the header offers signing in; during a database outage
 * (`outage`: the visitor has a cookie, but whose session it is cannot be read) signing out.
 */
export function SiteHeader({ user, outage = false }: { user?: Session["user"]; outage?: boolean }) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <a href="/" className={styles.brand}>
          <BrandMark />
          {siteName}
        </a>
        {user ? (
          <AccountMenu user={user} />
        ) : outage ? (
          <SignOutButton />
        ) : (
          <a href="/signin" className="button button-secondary">
            Sign in
          </a>
        )}
      </div>
    </header>
  );
}
