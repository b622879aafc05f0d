import type { Metadata } from "next";
import type { Session } from "next-auth";
import { sessionOrSignedOut } from "@/server/session";
import { Avatar } from "@/components/avatar";
import { Intro } from "@/components/intro";
import { PageFrame } from "@/components/page-frame";
import styles from "./home.module.css";

export const metadata: Metadata = { title: "Home" };

/**
 * `/` for a visitor with a session cookie (lib/home-twins.ts); a stale cookie gets the visitors' home page, and so
 * does every visitor while the database cannot answer.
 */
export default async function SignedInHomePage() {
  const session = await sessionOrSignedOut();
  return <PageFrame user={session?.user}>{session ? <Welcome user={session.user} /> : <Intro />}</PageFrame>;
}

function Welcome({ user }: { user: Session["user"] }) {
  return (
    <section className={styles.welcome}>
      <Avatar user={user} size={64} />
      <div className={styles.copy}>
        <h1 className={styles.title}>Welcome back, {user.name}.</h1>
        <p className={styles.text}>You are signed in as {user.email}.</p>
      </div>
      <div className="actions">
        <a className="button button-primary" href="/greeting">
          See your greeting
        </a>
        <a className="button button-secondary" href="/account">
          Account details
        </a>
      </div>
    </section>
  );
}
