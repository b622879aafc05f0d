"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { signInErrorPath, signInProblem } from "@/lib/auth-errors";
import { safeCallbackUrl } from "@/lib/redirects";
import { clearSessionCookie } from "@/lib/session";

export async function signInWithGoogle(formData: FormData) {
  const redirectTo = safeCallbackUrl(formData.get("callbackUrl")?.toString());
  try {
    await signIn("google", { redirectTo });
  } catch (error) {
    // signIn ends by throwing Next's redirect to Google: only Auth.js's own failures are ours to answer.
    if (!(error instanceof AuthError)) throw error;
    redirect(signInErrorPath(signInProblem(error.type).code));
  }
}

export async function signOutToConfirmation() {
  // Auth.js ends the session in the database and clears its cookie; the sign-in's other cookies go too.
  await signOut({ redirect: false });
  await clearSessionCookie();
  redirect("/signed-out");
}
