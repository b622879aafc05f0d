import type { Metadata } from "next";
import { auth } from "@/auth";
import { Avatar } from "@/components/avatar";
import { Intro } from "@/components/intro";
import styles from "./home.module.css";

export const metadata: Metadata = { title: "Home" };

/** `/` for a visitor with a session cookie (see middleware.ts); a stale cookie gets the visitor's home page. */
export default async function SignedInHomePage() {
  const session = await auth();
  if (!session) return <Intro />;
  const { user } = session;
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
