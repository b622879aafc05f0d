import type { Metadata } from "next";
import { reverifySeconds } from "@/config/env";
import { isRecentlyVerified } from "@/lib/reverification";
import { requireSession } from "@/server/session";
import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { deleteAccount, reverify } from "../actions";
import styles from "./delete.module.css";

export const metadata: Metadata = {
  title: "Delete your account",
  description: "What deleting your account removes, before you confirm it.",
  robots: { index: false },
};

/** What the last re-verification round trip (server/reverification.ts) or a refused delete says. */
const notices = {
  done: { tone: "tint-success", text: "Thanks, that was you. You can delete your account now." },
  refused: {
    tone: "tint-danger",
    text: "That was not the Google account signed in here, so nothing was deleted and you are still signed in as before.",
  },
  needed: { tone: "tint-danger", text: "Please confirm it is you with Google first: nothing was deleted." },
} as const;

const minutes = Math.round(reverifySeconds / 60);

/** The confirmation step: the account page only links here, and only this page's form deletes. */
export default async function DeleteAccountPage({ searchParams }: { searchParams: Promise<{ reverify?: string }> }) {
  const { user, verifiedAt } = await requireSession();
  const { reverify: outcome } = await searchParams;
  const notice = outcome && Object.hasOwn(notices, outcome) ? notices[outcome as keyof typeof notices] : undefined;
  const recent = isRecentlyVerified(new Date(verifiedAt), new Date(), reverifySeconds);
  return (
    <Panel icon={<WarningIcon />} tone="danger" title="Delete your account?">
      {notice && (
        <p role={notice.tone === "tint-danger" ? "alert" : "status"} className={`${styles.notice} ${notice.tone}`}>
          {notice.text}
        </p>
      )}
      <p>
        This deletes the account of <strong className={styles.email}>{user.email}</strong> on this site. It cannot be
        undone.
      </p>
      <ul className={styles.list}>
        <li>Your name, email address and picture as Google gave them to us are erased.</li>
        <li>You are signed out on every device where you are signed in, this one included.</li>
        <li>
          Your Google account itself is not touched. If you sign in again later, you start afresh with a new account
          here.
        </li>
      </ul>
      {recent ? (
        <form action={deleteAccount} className="actions">
          <button type="submit" className="button button-danger">
            Delete my account
          </button>
          <a href="/account" className="button button-secondary">
            Cancel
          </a>
        </form>
      ) : (
        <>
          <p>
            You signed in more than {minutes} minutes ago, so first confirm it is you: sign in with Google again as{" "}
            <strong className={styles.email}>{user.email}</strong>. Google decides whether to ask for your password
            again; this site cannot make it.
          </p>
          <form action={reverify} className="actions">
            <button type="submit" className="button button-primary">
              Confirm with Google
            </button>
            <a href="/account" className="button button-secondary">
              Cancel
            </a>
          </form>
        </>
      )}
    </Panel>
  );
}
