"use server";

import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { signInErrorPath, signInProblem } from "@/lib/sign-in-problems";
import { issuerOrigin } from "@/config/env";
import { safeCallbackUrl } from "@/lib/redirects";
import { clearSessionCookies } from "@/server/session";
import { logSignInFailure, traceSignIn } from "@/server/sign-in-failure";
import { limitAction } from "@/server/rate-limit";

export async function signInWithGoogle(formData: FormData) {
  await limitAction("sign-in");
  const callbackUrl = formData.get("callbackUrl");
  const redirectTo = safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined);
  const { result, trace } = await traceSignIn(async () => {
    try {
      return { target: (await signIn("google", { redirectTo, redirect: false })) as string, failure: undefined };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return { target: undefined, failure: error };
    }
  });
  if (result.failure || result.target === undefined)
    redirect(signInErrorPath(signInProblem(result.failure?.type).code, trace.reference));
  // Auth.js falls back to a URL of its own, built from the request's (forgeable) Host, when it refuses to start.
  // Where a sign-in may send the browser: the provider's own origin (its authorization endpoint), nowhere else.
  if (new URL(result.target).origin !== issuerOrigin) {
    const reference =
      trace.reference ??
      logSignInFailure({ check: `sign-in did not lead to the provider but to ${new URL(result.target).origin}` });
    redirect(signInErrorPath("Configuration", reference));
  }
  redirect(result.target);
}

export async function signOutToConfirmation() {
  // Auth.js ends the session in the database and clears its cookie; the sign-in's other cookies go too.
  await signOut({ redirect: false });
  await clearSessionCookies();
  redirect("/signed-out");
}
