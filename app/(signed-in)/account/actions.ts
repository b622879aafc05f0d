"use server";

import { redirect } from "next/navigation";
import { deleteUser, endSession, endSessions } from "@/db/sessions";
import { clearSessionCookie, readSession } from "@/lib/session";
import { parseSessionId } from "@/lib/session-token";
import type { AccountNotice } from "./notices";

/*
 * The account page's forms. Each action reads the session on the server and acts for its user only: the form names
 * at most which session to end, never whose. Next refuses server actions posted from another origin, and
 * middleware.ts refuses cross-site writes before they get here.
 */

function backToAccount(notice: AccountNotice): never {
  redirect(`/account?done=${notice}`);
}

/** Ends this browser's session on the server and forgets its cookie. */
async function signOutHere(): Promise<never> {
  await clearSessionCookie();
  redirect("/");
}

/** Signs out one device; another person's session, or one already gone, ends nothing. */
export async function signOutDevice(formData: FormData) {
  const session = await readSession();
  // A cookie whose session is gone: forget it too.
  if (!session) return signOutHere();
  const sessionId = parseSessionId(formData.get("sessionId"));
  if (!sessionId) backToAccount("not-found");
  const ended = await endSession(session.user.id, sessionId);
  if (ended && sessionId === session.sessionId) await signOutHere();
  backToAccount(ended ? "device" : "not-found");
}

/** Every session of this person but this browser's. */
export async function signOutEverywhereElse() {
  const session = await readSession();
  // A cookie whose session is gone: forget it too.
  if (!session) return signOutHere();
  await endSessions(session.user.id, session.sessionId);
  backToAccount("others");
}

/** Every session of this person, this browser's included. */
export async function signOutEverywhere() {
  const session = await readSession();
  if (session) await endSessions(session.user.id);
  await signOutHere();
}

/** The person, their sessions on every device and their linked Google account: all gone (db/sessions.ts). */
export async function deleteAccount() {
  const session = await readSession();
  if (session) await deleteUser(session.user.id);
  await signOutHere();
}
