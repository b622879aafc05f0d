import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/server/session";
import { ArrowBackIcon, PersonIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { SignInButton } from "@/components/sign-in-button";
import { signInErrorPath, signInProblem } from "@/lib/sign-in-problems";
import { safeCallbackUrl } from "@/lib/redirects";
import { failureReference } from "@/server/sign-in-failure";
import styles from "./signin.module.css";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in with your Google account to see your greeting.",
  robots: { index: false },
};

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const { callbackUrl, error, ref } = await searchParams;
  // Auth.js sends some failures here rather than to pages.error: one page explains them all.
  if (error)
    redirect(signInErrorPath(signInProblem(Array.isArray(error) ? error[0] : error).code, failureReference(ref)));
  const destination = safeCallbackUrl(callbackUrl);
  if (await getSession()) redirect(destination);
  return (
    <Panel icon={<PersonIcon />} title="Sign in">
      <p>
        Use your Google account to continue. Google tells us your name, email address and picture; we never see your
        password.
      </p>
      <SignInButton callbackUrl={destination} />
      <p className={styles.footnote}>
        <a href="/">
          <ArrowBackIcon className={styles.backIcon} />
          Back to the home page
        </a>
      </p>
    </Panel>
  );
}
