import Link from "next/link";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { SignInButton } from "@/components/sign-in-button";
import { signInErrorPath, signInProblem } from "@/lib/auth-errors";
import { safeCallbackUrl } from "@/lib/redirects";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const { callbackUrl, error } = await searchParams;
  // Auth.js sends some failures here rather than to pages.error: one page explains them all.
  if (error) redirect(signInErrorPath(signInProblem(Array.isArray(error) ? error[0] : error).code));
  const destination = safeCallbackUrl(callbackUrl);
  if (await auth()) redirect(destination);
  return (
    <section className="card">
      <h1>Sign in</h1>
      <p>Use your Google account to see your greeting. We only learn your name, email address and picture.</p>
      <SignInButton callbackUrl={destination} />
      <p>
        <Link href="/">Back to the home page</Link>
      </p>
    </section>
  );
}
