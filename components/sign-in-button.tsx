import { signInWithGoogle } from "@/app/actions";

/** A plain form posting to a server action: it works before (and without) any JavaScript. */
export function SignInButton({ callbackUrl }: { callbackUrl?: string }) {
  return (
    <form action={signInWithGoogle}>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <button type="submit" className="google-button">
        Sign in with Google
      </button>
    </form>
  );
}
