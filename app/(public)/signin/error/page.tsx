import type { Metadata } from "next";
import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";
import { signInProblem } from "@/lib/auth-errors";
import styles from "../signin.module.css";

export const metadata: Metadata = {
  title: "Sign-in problem",
  description: "Signing in did not work. Here is why, and what to do next.",
  robots: { index: false },
};

export default async function SignInErrorPage({ searchParams }: PageProps<"/signin/error">) {
  const { error } = await searchParams;
  const problem = signInProblem(Array.isArray(error) ? error[0] : error);
  return (
    <Panel icon={<WarningIcon />} tone="danger" title={problem.title} data-error-code={problem.code}>
      <p>{problem.message}</p>
      <div className="actions">
        <a className="button button-primary" href="/signin">
          Try again
        </a>
        <a className="button button-secondary" href="/">
          Home page
        </a>
      </div>
      <p className={styles.footnote}>
        Error code <code>{problem.code}</code>: mention it if you ask for help.
      </p>
    </Panel>
  );
}
