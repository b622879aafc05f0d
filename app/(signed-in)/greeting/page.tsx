import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/components/avatar";
import { requireSession } from "@/auth";
import styles from "./greeting.module.css";

export const metadata: Metadata = { title: "Your greeting", description: "A personal greeting for the Google account you signed in with." };

export default async function GreetingPage() {
  const { user } = await requireSession("/greeting");
  return (
    <section className={styles.greeting}>
      <Avatar user={user} size={96} />
      <h1 className={styles.title}>Hello, {user.email}!</h1>
      <p className={styles.text}>Signed in with Google as {user.name}.</p>
      <Link className="button button-secondary" href="/account">
        Your account details
      </Link>
    </section>
  );
}
