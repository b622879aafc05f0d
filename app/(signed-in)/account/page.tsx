import type { Metadata } from "next";
import { requireSession } from "@/auth";
import { Avatar } from "@/components/avatar";
import { CheckCircleIcon, WarningIcon } from "@/components/icons";
import { SignOutButton } from "@/components/sign-out-button";
import { sessionLifetime } from "@/lib/env";
import { formatDuration, formatRelative, formatUtc } from "@/lib/format-time";
import styles from "./account.module.css";

export const metadata: Metadata = {
  title: "Your account",
  description: "What this site knows about you from Google, and your session.",
  robots: { index: false },
};

function Moment({ date, now }: { date: Date; now: Date }) {
  return (
    <>
      <time dateTime={date.toISOString()}>{formatUtc(date)}</time>{" "}
      <span className={styles.hint}>({formatRelative(date, now)})</span>
    </>
  );
}

export default async function AccountPage() {
  const session = await requireSession("/account");
  const { user } = session;
  const now = new Date();
  const signedInAt = new Date(session.signedInAt);
  // Visits push `expires` back (middleware.ts renews the cookie), never past the absolute lifetime.
  const expires = new Date(session.expires);

  return (
    <div className={styles.account}>
      <header className={styles.intro}>
        <h1 className={styles.title}>Your account</h1>
        <p className={styles.lede}>What this site knows about you, straight from Google, and how long you stay signed in.</p>
      </header>

      <section className={`card ${styles.section}`} aria-labelledby="profile-heading">
        <div className={styles.profile}>
          <Avatar user={user} size={64} />
          <div className={styles.who}>
            <h2 id="profile-heading" className={styles.name}>
              {user.name}
            </h2>
            <p className={styles.hint}>Google account</p>
          </div>
        </div>
        <dl className={styles.facts}>
          <div>
            <dt>Email address</dt>
            <dd className={styles.emailRow}>
              <span className={styles.breakable}>{user.email}</span>
              {user.emailVerified ? (
                <span className={`${styles.badge} tint-success`}>
                  <CheckCircleIcon className={styles.badgeIcon} />
                  Verified by Google
                </span>
              ) : (
                <span className={`${styles.badge} tint-danger`}>
                  <WarningIcon className={styles.badgeIcon} />
                  Not verified
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Google account ID</dt>
            <dd>
              <code className={styles.code}>{user.id}</code>
            </dd>
          </div>
        </dl>
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="session-heading">
        <h2 id="session-heading" className={styles.cardTitle}>
          This session
        </h2>
        <dl className={styles.facts}>
          <div>
            <dt>Signed in</dt>
            <dd>
              <Moment date={signedInAt} now={now} />
            </dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>
              <Moment date={expires} now={now} />
              <p className={styles.hint}>
                After {formatDuration(sessionLifetime.idleSeconds)} without a visit, and at the latest {formatDuration(sessionLifetime.maxSeconds)}{" "}
                after signing in.
              </p>
            </dd>
          </div>
        </dl>
        <div className={styles.signOut}>
          <SignOutButton />
          <p className={styles.hint}>Signs you out of this site only; your Google account stays signed in.</p>
        </div>
      </section>
    </div>
  );
}
