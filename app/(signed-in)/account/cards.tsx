import type { Session } from "next-auth";
import { Avatar } from "@/components/avatar";
import { CheckCircleIcon, WarningIcon } from "@/components/icons";
import { SignOutButton } from "@/components/sign-out-button";
import type { DeviceSession } from "@/db/session-queries";
import { formatDuration, formatRelative, formatUtc } from "@/lib/format-time";
import styles from "./account.module.css";
import { signOutDevice, signOutEverywhere, signOutEverywhereElse } from "./actions";

/* The account page's cards: who Google says you are, where you are signed in, and deleting it all. */

function Moment({ date, now }: { date: Date; now: Date }) {
  return (
    <>
      <time dateTime={date.toISOString()}>{formatUtc(date)}</time>{" "}
      <span className={styles.hint}>({formatRelative(date, now)})</span>
    </>
  );
}

/** Where a session was signed in, as far as its User-Agent tells. */
function deviceName(device: DeviceSession) {
  return `${device.browser ?? "Unknown browser"} on ${device.os ?? "an unknown system"}`;
}

function DeviceItem({ device, current, now }: { device: DeviceSession; current: boolean; now: Date }) {
  const headingId = `device-${device.id}`;
  return (
    <li className={styles.device} aria-labelledby={headingId}>
      <div className={styles.deviceHead}>
        <h3 id={headingId} className={styles.deviceName}>
          {deviceName(device)}
        </h3>
        {current && <span className={`${styles.badge} tint-accent`}>This device</span>}
      </div>
      <dl className={styles.deviceFacts}>
        <div>
          <dt>Approximate place</dt>
          <dd>{device.network ? <code className={styles.code}>{device.network}</code> : "Unknown"}</dd>
        </div>
        <div>
          <dt>Signed in</dt>
          <dd>
            <Moment date={device.createdAt} now={now} />
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <Moment date={device.lastSeenAt} now={now} />
          </dd>
        </div>
        <div>
          <dt>Ends if unused</dt>
          <dd>
            <Moment date={device.expires} now={now} />
          </dd>
        </div>
      </dl>
      {current ? (
        <SignOutButton />
      ) : (
        <form action={signOutDevice}>
          <input type="hidden" name="sessionId" value={device.id} />
          <button type="submit" className="button button-secondary">
            Sign out
            <span className="visually-hidden">
              {" "}
              {deviceName(device)}, signed in {formatUtc(device.createdAt)}
            </span>
          </button>
        </form>
      )}
    </li>
  );
}

/** Name, address and Google account id, as Google reported them at the last sign-in. */
export function ProfileCard({ user }: { user: Session["user"] }) {
  return (
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
  );
}

/** Every live session of the person, this browser's marked, each with its own sign-out; then sign-out for all. */
export function SessionsCard({
  devices,
  currentId,
  notice,
  lifetime,
  now,
}: {
  devices: DeviceSession[];
  currentId: string;
  notice: string | null;
  lifetime: { idleSeconds: number; maxSeconds: number };
  now: Date;
}) {
  return (
    <section className={`card ${styles.section}`} aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className={styles.cardTitle}>
        Where you are signed in
      </h2>
      {notice && (
        <p role="status" className={`${styles.notice} tint-success`}>
          {notice}
        </p>
      )}
      <ul className={styles.devices} aria-labelledby="sessions-heading">
        {devices.map((device) => (
          <DeviceItem key={device.id} device={device} current={device.id === currentId} now={now} />
        ))}
      </ul>
      <p className={styles.hint}>
        A session ends after {formatDuration(lifetime.idleSeconds)} without a visit, and at the latest{" "}
        {formatDuration(lifetime.maxSeconds)} after signing in. Signing out here never signs you out of your Google
        account.
      </p>
      <div className={styles.signOut}>
        {devices.length > 1 && (
          <form action={signOutEverywhereElse}>
            <button type="submit" className="button button-secondary">
              Sign out everywhere else
            </button>
          </form>
        )}
        <form action={signOutEverywhere}>
          <button type="submit" className="button button-secondary">
            Sign out everywhere
          </button>
        </form>
      </div>
    </section>
  );
}

export function DeleteAccountCard() {
  return (
    <section className={`card ${styles.section}`} aria-labelledby="delete-heading">
      <h2 id="delete-heading" className={styles.cardTitle}>
        Delete account
      </h2>
      <div className={styles.deleteAccount}>
        <p className={styles.hint}>Removes everything this site keeps about you and signs you out on every device.</p>
        <a href="/account/delete" className="button button-danger">
          Delete my account…
        </a>
      </div>
    </section>
  );
}
