"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { signInErrorPath, signInProblem } from "@/lib/auth-errors";
import { safeCallbackUrl } from "@/lib/redirects";
import { traceSignIn } from "@/lib/sign-in-failure";

export async function signInWithGoogle(formData: FormData) {
  const redirectTo = safeCallbackUrl(formData.get("callbackUrl")?.toString());
  const { result: failure, trace } = await traceSignIn(async () => {
    try {
      await signIn("google", { redirectTo });
    } catch (error) {
      // signIn ends by throwing Next's redirect to Google: only Auth.js's own failures are ours to answer.
      if (!(error instanceof AuthError)) throw error;
      return error;
    }
  });
  if (failure) redirect(signInErrorPath(signInProblem(failure.type).code, trace.reference));
}

export async function signOutToHome() {
  await signOut({ redirectTo: "/" });
}
