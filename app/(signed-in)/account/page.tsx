import type { Metadata } from "next";
import { sessionLifetime } from "@/config/env";
import { listSessions } from "@/db/session-queries";
import { pageData, requireSession } from "@/server/session";
import styles from "./account.module.css";
import { DeleteAccountCard, ProfileCard, SessionsCard } from "./cards";
import { accountNotice } from "./notices";

export const metadata: Metadata = {
  title: "Your account",
  description: "What this site knows about you from Google, where you are signed in, and deleting your account.",
  robots: { index: false },
};

export default async function AccountPage({ searchParams }: PageProps<"/account">) {
  const { user, sessionId } = await requireSession();
  const now = new Date();
  const devices = await pageData("device list", () => listSessions(user.id, now));
  const notice = accountNotice((await searchParams).done);

  return (
    <div className={styles.account}>
      <header className={styles.intro}>
        <h1 className={styles.title}>Your account</h1>
        <p className={styles.lede}>
          What this site knows about you, straight from Google, and every device where you are signed in.
        </p>
      </header>
      <ProfileCard user={user} />
      <SessionsCard devices={devices} currentId={sessionId} notice={notice} lifetime={sessionLifetime} now={now} />
      <p className={styles.lede}>
        <a href="/account/activity">Security activity</a>: every sign-in, sign-out and message from Google.
      </p>
      <DeleteAccountCard />
    </div>
  );
}
