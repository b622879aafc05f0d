import styles from "./demo-badge.module.css";

export function DemoBadge() {
  return (
    <p className={styles.badge} role="note">
      <strong>Demo sign-in:</strong> accounts come from the local Google stand-in, not from Google.
    </p>
  );
}
