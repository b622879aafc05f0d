import type { Session } from "next-auth";
import { avatarTone, initialsOf } from "@/lib/avatar";
import styles from "./avatar.module.css";

const sizes = { 32: styles.size32, 40: styles.size40, 64: styles.size64, 96: styles.size96 } as const;

/**
 * The Google picture laid over the person's initials: while it loads, when there is none, or when it fails to load
 * (a broken image with empty alt text draws nothing), the initials show, with no JavaScript and no layout shift.
 */
export function Avatar({ user, size }: { user: Pick<Session["user"], "id" | "name" | "email" | "image">; size: keyof typeof sizes }) {
  return (
    <span className={`${styles.avatar} ${sizes[size]} ${styles[`tone${avatarTone(user.id)}`]}`} aria-hidden="true">
      {initialsOf(user)}
      {user.image && (
        // A plain img: Next's image optimiser would fetch arbitrary provider URLs on the server.
        // eslint-disable-next-line @next/next/no-img-element
        <img className={styles.picture} src={user.image} alt="" width={size} height={size} referrerPolicy="no-referrer" decoding="async" />
      )}
    </span>
  );
}
