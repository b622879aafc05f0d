import { SignInButton } from "@/components/sign-in-button";

/** The home page as a visitor who is not signed in sees it. */
export function Intro() {
  return (
    <section className="hero">
      <h1>Sign in with Google, get a greeting.</h1>
      <p>This site shows how Google sign-in belongs in a Next.js app: one click, a round trip to Google, and a page that knows who you are.</p>
      <SignInButton />
    </section>
  );
}
