"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { reverifySeconds } from "@/config/env";
import { isRecentlyVerified } from "@/lib/reverification";
import { markReverification } from "@/server/reverification";
import { countSessionsEnded } from "@/db/metrics";
import { endSessions } from "@/db/session-queries";
import { deleteUser } from "@/db/user-queries";
import { endDeviceSession, storedSession } from "@/server/device-sign-out";
import { clearSessionCookies } from "@/server/session";
import { parseSessionId } from "@/lib/session-token";
import { whenStoreAnswers } from "@/server/store-outage";
import { limitAction } from "@/server/rate-limit";
import type { AccountNotice } from "./notices";

/*
 * The account page's forms. Each action reads the session on the server and acts for its user only: the form names
 * at most which session to end, never whose. Next refuses server actions posted from another origin, and
 * middleware.ts refuses cross-site writes before they get here. While the database cannot answer, each one changes
 * nothing, keeps the cookie and says so (server/store-outage.ts).
 */

function backToAccount(notice: AccountNotice): never {
  redirect(`/account?done=${notice}`);
}

/** Forgets this browser's session cookie (its row is already gone or ended by the caller) and goes home. */
async function forgetCookieAndGoHome(): Promise<never> {
  await clearSessionCookies();
  redirect("/");
}

/** Signs out one device; another person's session, or one already gone, ends nothing. */
export async function signOutDevice(formData: FormData) {
  const session = await storedSession();
  // A cookie whose session is gone: forget it too.
  if (!session) return forgetCookieAndGoHome();
  const sessionId = parseSessionId(formData.get("sessionId"));
  if (!sessionId) backToAccount("not-found");
  const ended = await endDeviceSession(session, sessionId);
  if (ended && sessionId === session.sessionId) await forgetCookieAndGoHome();
  backToAccount(ended ? "device" : "not-found");
}

/** Every session of this person but this browser's. */
export async function signOutEverywhereElse() {
  const session = await storedSession();
  // A cookie whose session is gone: forget it too.
  if (!session) return forgetCookieAndGoHome();
  await limitAction("account", session.sessionId);
  const ended = await whenStoreAnswers("sign-out elsewhere", () =>
    endSessions(session.user.id, session.sessionId, {
      kind: "signed-out-everywhere",
      detail: "Every device but the one used",
    }),
  );
  countSessionsEnded("everywhere", ended);
  backToAccount("others");
}

/** Every session of this person, this browser's included. */
export async function signOutEverywhere() {
  const session = await storedSession();
  if (session) {
    await limitAction("account", session.sessionId);
    const ended = await whenStoreAnswers("sign-out everywhere", () =>
      endSessions(session.user.id, undefined, { kind: "signed-out-everywhere" }),
    );
    countSessionsEnded("everywhere", ended);
  }
  await forgetCookieAndGoHome();
}

/** Sends the person through Google again, for this account only; auth.ts finishes it (server/reverification.ts). */
export async function reverify() {
  const session = await storedSession();
  if (!session) return forgetCookieAndGoHome();
  await markReverification(session.user.id, session.sessionId);
  await signIn(
    "google",
    { redirectTo: "/account/delete" },
    { prompt: "select_account", login_hint: session.user.email },
  );
}

/** The person, their sessions on every device and their linked Google account: all gone (db/user-queries.ts). */
export async function deleteAccount() {
  const session = await storedSession();
  if (!session) return forgetCookieAndGoHome();
  await limitAction("account", session.sessionId);
  // The page hides the button past the window; a stale or replayed post is refused here too.
  if (!isRecentlyVerified(new Date(session.verifiedAt), new Date(), reverifySeconds))
    redirect("/account/delete?reverify=needed");
  await whenStoreAnswers("account deletion", () => deleteUser(session.user.id));
  await forgetCookieAndGoHome();
}
