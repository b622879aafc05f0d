import type { Session } from "next-auth";
import { SiteHeader } from "@/components/site-header";
import { siteName } from "@/lib/site";
import styles from "./page-frame.module.css";

/** Header, the page's <main> and footer: the same frame on every page. */
export function PageFrame({ user, children }: { user?: Session["user"]; children: React.ReactNode }) {
  return (
    <>
      <SiteHeader user={user} />
      <main className="page">{children}</main>
      <footer className={styles.footer}>
        <p>{siteName} · A reference for Google sign-in on Next.js, built with Auth.js.</p>
      </footer>
    </>
  );
}
