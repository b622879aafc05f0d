import type { Session } from "next-auth";
import { SiteHeader } from "@/components/site-header";
import { siteName } from "@/lib/site";
import styles from "./page-frame.module.css";

/** Header, the page's <main> and footer: the same frame on every page (`outage`: who is signed in is unknown). */
export function PageFrame({
  user,
  outage = false,
  children,
}: {
  user?: Session["user"];
  outage?: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      <SiteHeader user={user} outage={outage} />
      <main className="page">{children}</main>
      <footer className={styles.footer}>
        <p>{siteName} · A reference for Google sign-in on Next.js, built with Auth.js.</p>
      </footer>
    </>
  );
}
