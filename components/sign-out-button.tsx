import { signOutToConfirmation } from "@/server/auth-actions";

/** A POST to a server action, never a link: a page cannot sign a visitor out by merely loading something. */
export function SignOutButton({ className = "button button-secondary" }: { className?: string }) {
  return (
    <form action={signOutToConfirmation}>
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
