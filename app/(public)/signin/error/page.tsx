import type { Metadata } from "next";
import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { signInProblem } from "@/lib/sign-in-problems";
import { safeCallbackUrl, signInPath } from "@/lib/redirects";
import { failureReference } from "@/server/sign-in-failure";
import styles from "../signin.module.css";

export const metadata: Metadata = {
  title: "Sign-in problem",
  description: "Signing in did not work. Here is why, and what to do next.",
  robots: { index: false },
};

export default async function SignInErrorPage({ searchParams }: PageProps<"/signin/error">) {
  const { error, ref, callbackUrl } = await searchParams;
  const problem = signInProblem(Array.isArray(error) ? error[0] : error);
  const reference = failureReference(ref);
  // "Try again" keeps the visitor's destination, through the same rule as every other redirect.
  const tryAgain = callbackUrl ? signInPath(safeCallbackUrl(callbackUrl)) : "/signin";
  return (
    <Panel icon={<WarningIcon />} tone="danger" title={problem.title} data-error-code={problem.code}>
      <p>{problem.message}</p>
      <div className="actions">
        <a className="button button-primary" href={tryAgain}>
          Try again
        </a>
        <a className="button button-secondary" href="/">
          Home page
        </a>
      </div>
      <p className={styles.footnote}>
        Error code <code>{problem.code}</code>
        {reference && (
          <>
            , reference <code>{reference}</code>
          </>
        )}
        : mention it if you ask for help.
      </p>
    </Panel>
  );
}
