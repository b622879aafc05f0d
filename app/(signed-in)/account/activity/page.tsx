import type { Metadata } from "next";
import { listSecurityEvents, type SecurityEvent } from "@/db/security-events";
import { listSessions } from "@/db/session-queries";
import { formatRelative, formatUtc } from "@/lib/format-time";
import { deviceLabel, eventTitle } from "@/lib/security-events";
import { pageData, requireSession } from "@/server/session";
import styles from "../account.module.css";
import { signOutThatDevice } from "./actions";

export const metadata: Metadata = {
  title: "Security activity",
  description: "What happened to your account: sign-ins, sign-outs and messages from Google.",
  robots: { index: false },
};

const notices: Record<string, string> = {
  "signed-out": "That device is signed out.",
  "not-found": "That device had already signed out, so there was nothing to sign out.",
};

function Entry({ event, live, now }: { event: SecurityEvent; live: boolean; now: Date }) {
  const headingId = `event-${event.id}`;
  const hasDevice = event.browser !== null || event.os !== null || event.network !== null;
  return (
    <li className={styles.device} aria-labelledby={headingId}>
      <div className={styles.deviceHead}>
        <h3 id={headingId} className={styles.deviceName}>
          {eventTitle(event)}
        </h3>
        {event.newDevice && <span className={`${styles.badge} tint-accent`}>New device</span>}
      </div>
      <dl className={styles.deviceFacts}>
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={event.at.toISOString()}>{formatUtc(event.at)}</time>{" "}
            <span className={styles.hint}>({formatRelative(event.at, now)})</span>
          </dd>
        </div>
        {hasDevice && (
          <div>
            <dt>Device</dt>
            <dd>{deviceLabel(event)}</dd>
          </div>
        )}
        {event.network && (
          <div>
            <dt>Approximate place</dt>
            <dd>
              <code className={styles.code}>{event.network}</code>
            </dd>
          </div>
        )}
        {event.detail && (
          <div>
            <dt>Detail</dt>
            <dd>{event.detail}</dd>
          </div>
        )}
      </dl>
      {live && (
        <form action={signOutThatDevice}>
          <input type="hidden" name="eventId" value={event.id} />
          <button type="submit" className="button button-secondary">
            That wasn&apos;t me
            <span className="visually-hidden">: sign out {deviceLabel(event)}</span>
          </button>
        </form>
      )}
    </li>
  );
}

export default async function ActivityPage({ searchParams }: PageProps<"/account/activity">) {
  const { user, sessionId } = await requireSession();
  const now = new Date();
  const [events, devices] = await pageData("activity", () =>
    Promise.all([listSecurityEvents(user.id), listSessions(user.id, now)]),
  );
  const otherLive = new Set(devices.map((device) => device.id).filter((id) => id !== sessionId));
  const done = (await searchParams).done;
  const notice = typeof done === "string" && Object.hasOwn(notices, done) ? notices[done] : null;
  return (
    <div className={styles.account}>
      <header className={styles.intro}>
        <h1 className={styles.title}>Security activity</h1>
        <p className={styles.lede}>What happened to your account, newest first. Times are in UTC.</p>
      </header>
      <section className={`card ${styles.section}`} aria-labelledby="activity-heading">
        <h2 id="activity-heading" className={styles.cardTitle}>
          Recent activity
        </h2>
        {notice && (
          <p role="status" className={`${styles.notice} tint-success`}>
            {notice}
          </p>
        )}
        <ul className={styles.devices} aria-labelledby="activity-heading">
          {events.map((event) => (
            <Entry
              key={event.id}
              event={event}
              live={event.kind === "signed-in" && event.sessionId !== null && otherLive.has(event.sessionId)}
              now={now}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}
