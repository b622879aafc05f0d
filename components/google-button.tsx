"use client";

import { useFormStatus } from "react-dom";
import styles from "./google-button.module.css";

/** The one client part of signing in: while the redirect to Google starts, a spinner stands in for the logo. */
export function GoogleButton({ logo }: { logo: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <>
      <button
        type="submit"
        className={styles.button}
        aria-disabled={pending}
        data-pending={pending || undefined}
        // Not `disabled`: that would drop keyboard focus; a second click must not start a second sign-in, though.
        onClick={(event) => pending && event.preventDefault()}
      >
        <span className={styles.icon}>{pending ? <span className={styles.spinner} /> : logo}</span>
        <span className={styles.label}>Sign in with Google</span>
      </button>
      <span className="visually-hidden" role="status">
        {pending ? "Opening Google…" : ""}
      </span>
    </>
  );
}
