import Link from "next/link";
import { auth } from "@/auth";
import { Intro } from "@/components/intro";

export const metadata = { title: "Home" };

/** `/` for a visitor with a session cookie (see middleware.ts); a stale cookie gets the visitor's home page. */
export default async function SignedInHomePage() {
  const session = await auth();
  if (!session) return <Intro />;
  return (
    <section className="hero">
      <h1>Welcome back, {session.user.name}.</h1>
      <p>You are signed in as {session.user.email}.</p>
      <Link className="button-primary" href="/greeting">
        See your greeting
      </Link>
    </section>
  );
}
