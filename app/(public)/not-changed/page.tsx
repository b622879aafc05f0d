import type { Metadata } from "next";
import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { SignOutButton } from "@/components/sign-out-button";

export const metadata: Metadata = {
  title: "Nothing was changed",
  description: "Nametag could not reach its database, so nothing was changed.",
  robots: { index: false },
};

/**
 * Where a sign-out, a sign-out elsewhere or an account deletion lands when the database could not answer: prerendered,
 * so it shows while the database is down, and it says only what is true then: nothing happened, the cookie stays.
 */
export default function NotChangedPage() {
  return (
    <Panel icon={<WarningIcon />} tone="danger" title="Nothing was changed">
      <p>
        Nametag can&rsquo;t reach its database right now, so it could not do what you asked. You are still signed in, on
        this device and on any other, and your account is as it was.
      </p>
      <p>Please try again in a minute.</p>
      <div className="actions">
        <SignOutButton className="button button-primary" />
        <a className="button button-secondary" href="/account">
          Your account
        </a>
        <a className="button button-secondary" href="/">
          Home page
        </a>
      </div>
    </Panel>
  );
}
