import type { Metadata } from "next";
import { requireSession } from "@/server/session";
import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { deleteAccount } from "../actions";
import styles from "./delete.module.css";

export const metadata: Metadata = {
  title: "Delete your account",
  description: "What deleting your account removes, before you confirm it.",
  robots: { index: false },
};

/** The confirmation step: the account page only links here, and only this page's form deletes. */
export default async function DeleteAccountPage() {
  const { user } = await requireSession();
  return (
    <Panel icon={<WarningIcon />} tone="danger" title="Delete your account?">
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
      <form action={deleteAccount} className="actions">
        <button type="submit" className="button button-danger">
          Delete my account
        </button>
        <a href="/account" className="button button-secondary">
          Cancel
        </a>
      </form>
    </Panel>
  );
}
