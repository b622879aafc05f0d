import styles from "./panel.module.css";

/** The centred card of the sign-in, sign-in error and not-found pages: an icon, a heading, a message and next steps. */
export function Panel({
  icon,
  title,
  tone = "neutral",
  children,
  ...rest
}: {
  icon?: React.ReactNode;
  title: React.ReactNode;
  tone?: "neutral" | "danger";
  children: React.ReactNode;
} & Omit<React.ComponentProps<"section">, "title">) {
  return (
    <section className={`card ${styles.panel}`} {...rest}>
      {icon && <div className={`${styles.icon} ${tone === "danger" ? "tint-danger" : "tint-accent"}`}>{icon}</div>}
      <h1 className={styles.title}>{title}</h1>
      {children}
    </section>
  );
}
