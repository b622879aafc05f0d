import type { Metadata } from "next";
import { Avatar } from "@/components/avatar";
import { requireSession } from "@/server/session";
import styles from "./greeting.module.css";

export const metadata: Metadata = {
  title: "Your greeting",
  description: "A personal greeting for the Google account you signed in with.",
};

export default async function GreetingPage() {
  const { user } = await requireSession();
  const at = user.email.lastIndexOf("@");
  const [local, domain] = [user.email.slice(0, at), user.email.slice(at + 1)];
  return (
    <section className={styles.greeting}>
      <Avatar user={user} size={96} />
      <h1 className={styles.title}>
        {/* The address moves to its own line whole; only one too long for a line wraps, at its "@". */}
        Hello,{" "}
        <span className={styles.email}>
          {local}
          <wbr />@{domain}!
        </span>
      </h1>
      <p className={styles.text}>Signed in with Google as {user.name}.</p>
      <a className="button button-secondary" href="/account">
        Your account details
      </a>
    </section>
  );
}
