import styles from "./demo-badge.module.css";

/** A landmark of its own, so it is not loose content outside the page's regions. */
export function DemoBadge() {
  return (
    <aside className={styles.badge} aria-label="Demo mode">
      <p role="note">
        <strong>Demo sign-in:</strong> accounts come from the local Google stand-in, not from Google.
      </p>
    </aside>
  );
}
