import type { Metadata } from "next";
import { CheckCircleIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { SignInButton } from "@/components/sign-in-button";

export const metadata: Metadata = { title: "Signed out", description: "You are signed out.", robots: { index: false } };

/** Where sign-out lands: prerendered, like `/`, so it says only what is true for everyone who arrives here. */
export default function SignedOutPage() {
  return (
    <Panel icon={<CheckCircleIcon />} title="You are signed out">
      <p>Your session on this site has ended. Your Google account itself stays signed in with Google.</p>
      <div className="actions">
        <SignInButton callbackUrl="/greeting" />
        <a className="button button-secondary" href="/">
          Home page
        </a>
      </div>
    </Panel>
  );
}
