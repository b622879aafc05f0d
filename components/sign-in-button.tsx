import { signInWithGoogle } from "@/server/auth-actions";
import { GoogleButton } from "@/components/google-button";
import { GoogleLogo } from "@/components/google-logo";

/** A plain form posting to a server action: it works before (and without) any JavaScript. */
export function SignInButton({ callbackUrl }: { callbackUrl?: string }) {
  return (
    <form action={signInWithGoogle}>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {/* The logo is rendered here, on the server, so its paths never ship in the browser bundle. */}
      <GoogleButton logo={<GoogleLogo />} />
    </form>
  );
}
