import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { auth } from "@/auth";
import { signInPath } from "@/lib/redirects";

/** The session of a protected page; a visitor without one goes through sign-in and comes back to `returnTo`. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await auth();
  if (!session) redirect(signInPath(returnTo));
  return session;
}
