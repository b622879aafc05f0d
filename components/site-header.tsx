import type { Session } from "next-auth";
import { AccountMenu } from "@/components/account-menu";
import { BrandMark } from "@/components/brand-mark";
import { siteName } from "@/lib/site";
import styles from "./site-header.module.css";

/** Without a `user` (prerendered pages cannot know the visitor) the header offers signing in. */
export function SiteHeader({ user }: { user?: Session["user"] }) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <a href="/" className={styles.brand}>
          <BrandMark />
          {siteName}
        </a>
        {user ? (
          <AccountMenu user={user} />
        ) : (
          <a href="/signin" className="button button-secondary">
            Sign in
          </a>
        )}
      </div>
    </header>
  );
}
