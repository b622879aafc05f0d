import type { Session } from "next-auth";
import { Avatar } from "@/components/avatar";
import { SignOutButton } from "@/components/sign-out-button";
import styles from "./account-menu.module.css";

const menuId = "account-menu";

/**
 * The avatar opens a popover: the browser handles opening, Escape, clicking outside and tab order,
 * so the menu needs no JavaScript of ours.
 */
export function AccountMenu({ user }: { user: Session["user"] }) {
  return (
    <>
      <button
        type="button"
        className={styles.trigger}
        popoverTarget={menuId}
        aria-label={`Account menu for ${user.name}`}
      >
        <Avatar user={user} size={40} />
      </button>
      <div id={menuId} popover="auto" className={styles.panel}>
        <div className={styles.identity}>
          <Avatar user={user} size={40} />
          <div className={styles.who}>
            <p className={styles.name}>{user.name}</p>
            <p className={styles.email}>{user.email}</p>
          </div>
        </div>
        <ul className={styles.items}>
          <li>
            <a href="/account" className={styles.item}>
              Account
            </a>
          </li>
          <li>
            <SignOutButton className={styles.item} />
          </li>
        </ul>
      </div>
    </>
  );
}
