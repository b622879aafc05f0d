"use server";

import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { endSessionByToken } from "@/db/session-queries";
import { signInErrorPath, signInProblem } from "@/lib/sign-in-problems";
import { issuerOrigin } from "@/config/env";
import { safeCallbackUrl } from "@/lib/redirects";
import { inSpan } from "@/lib/spans";
import { logEvents } from "@/server/log";
import { countSignIn } from "@/server/metrics";
import { clearSessionCookies, sessionTokenOfThisBrowser } from "@/server/session";
import { whenStoreAnswers } from "@/server/store-outage";
import { logSignInFailure, traceSignIn } from "@/server/sign-in-failure";
import { limitAction } from "@/server/rate-limit";

export async function signInWithGoogle(formData: FormData) {
  await limitAction("sign-in");
  const callbackUrl = formData.get("callbackUrl");
  const redirectTo = safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined);
  const { result, trace } = await inSpan("sign_in.start", () =>
    traceSignIn(async () => {
      try {
        return { target: (await signIn("google", { redirectTo, redirect: false })) as string, failure: undefined };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        return { target: undefined, failure: error };
      }
    }),
  );
  if (result.failure || result.target === undefined) {
    const reason = signInProblem(result.failure?.type).code;
    countSignIn({ ok: false, reason });
    redirect(signInErrorPath(reason, trace.reference));
  }
  // Auth.js falls back to a URL of its own, built from the request's (forgeable) Host, when it refuses to start.
  // Where a sign-in may send the browser: the provider's own origin (its authorization endpoint), nowhere else.
  if (new URL(result.target).origin !== issuerOrigin) {
    const reference =
      trace.reference ??
      logSignInFailure({ check: `sign-in did not lead to the provider but to ${new URL(result.target).origin}` });
    countSignIn({ ok: false, reason: "Configuration" });
    redirect(signInErrorPath("Configuration", reference));
  }
  redirect(result.target);
}

export async function signOutToConfirmation() {
  // Not Auth.js's signOut: it clears the cookie even when the row could not be deleted, and a copy of the cookie
  // would then open the site again. Here the cookie goes only once the session is gone from the database.
  const token = await sessionTokenOfThisBrowser();
  if (token) {
    const userId = await whenStoreAnswers("sign-out", () => endSessionByToken(token, "sign_out"));
    logEvents.signedOut(userId ? { id: userId } : undefined);
  }
  await clearSessionCookies();
  redirect("/signed-out");
}
