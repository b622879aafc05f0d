"use server";

import { redirect } from "next/navigation";
import { endSession, endSessions } from "@/db/session-queries";
import { deleteUser } from "@/db/user-queries";
import { clearSessionCookies, getSession } from "@/server/session";
import { parseSessionId } from "@/lib/session-token";
import { limitAction } from "@/server/rate-limit";
import type { AccountNotice } from "./notices";

/*
 * The account page's forms. Each action reads the session on the server and acts for its user only: the form names
 * at most which session to end, never whose. Next refuses server actions posted from another origin, and
 * middleware.ts refuses cross-site writes before they get here.
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
  const session = await getSession();
  // A cookie whose session is gone: forget it too.
  if (!session) return forgetCookieAndGoHome();
  await limitAction("account", session.sessionId);
  const sessionId = parseSessionId(formData.get("sessionId"));
  if (!sessionId) backToAccount("not-found");
  const ended = await endSession(session.user.id, sessionId);
  if (ended && sessionId === session.sessionId) await forgetCookieAndGoHome();
  backToAccount(ended ? "device" : "not-found");
}

/** Every session of this person but this browser's. */
export async function signOutEverywhereElse() {
  const session = await getSession();
  // A cookie whose session is gone: forget it too.
  if (!session) return forgetCookieAndGoHome();
  await limitAction("account", session.sessionId);
  await endSessions(session.user.id, session.sessionId);
  backToAccount("others");
}

/** Every session of this person, this browser's included. */
export async function signOutEverywhere() {
  const session = await getSession();
  if (session) {
    await limitAction("account", session.sessionId);
    await endSessions(session.user.id);
  }
  await forgetCookieAndGoHome();
}

/** The person, their sessions on every device and their linked Google account: all gone (db/user-queries.ts). */
export async function deleteAccount() {
  const session = await getSession();
  if (session) {
    await limitAction("account", session.sessionId);
    await deleteUser(session.user.id);
  }
  await forgetCookieAndGoHome();
}
