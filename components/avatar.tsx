import type { Session } from "next-auth";
import { avatarTone, initialsOf } from "@/lib/avatar";
import styles from "./avatar.module.css";

const sizes = { 32: styles.size32, 40: styles.size40, 64: styles.size64, 96: styles.size96 } as const;

/**
 * The Google picture laid over the person's initials: while it loads, when there is none, or when it fails to load,
 * the initials show, with no JavaScript and no layout shift.
 */
export function Avatar({
  user,
  size,
}: {
  user: Pick<Session["user"], "id" | "name" | "email" | "image">;
  size: keyof typeof sizes;
}) {
  const initials = initialsOf(user);
  return (
    // The initials are drawn by CSS from data-initials: a picture of the person, not text to read or to say.
    <span
      className={`${styles.avatar} ${sizes[size]} ${styles[`tone${avatarTone(user.id)}`]}`}
      data-initials={initials}
      aria-hidden="true"
    >
      {user.image && (
        // A plain img: Next's image optimiser would fetch arbitrary provider URLs on the server.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          className={styles.picture}
          src={user.image}
          alt=""
          data-initials={initials}
          width={size}
          height={size}
          referrerPolicy="no-referrer"
          decoding="async"
        />
      )}
    </span>
  );
}
