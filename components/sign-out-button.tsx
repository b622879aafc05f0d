import { signOutToHome } from "@/app/actions";

export function SignOutButton() {
  return (
    <form action={signOutToHome}>
      <button type="submit" className="button-secondary">
        Sign out
      </button>
    </form>
  );
}
