"use server";

import { redirect } from "next/navigation";
import { findSecurityEvent, acknowledgeSecurityEvent } from "@/db/security-events";
import { endSession } from "@/db/session-queries";
import { getSession } from "@/server/session";

/*
 * "That wasn't me": signs out the device an entry is about. The entry is looked up among the signed-in person's own
 * events only, so another person's event id ends nothing. Next refuses server actions posted from another origin, and
 * middleware.ts refuses cross-site writes before they get here.
 */
export async function signOutThatDevice(formData: FormData) {
  const session = await getSession();
  if (!session) redirect("/");
  const eventId = formData.get("eventId");
  const event = typeof eventId === "string" ? await findSecurityEvent(session.user.id, eventId) : undefined;
  const ended =
    event?.sessionId && event.sessionId !== session.sessionId
      ? await endSession(session.user.id, event.sessionId, "device-signed-out")
      : false;
  if (event?.newDevice) await acknowledgeSecurityEvent(session.user.id, event.id);
  redirect(`/account/activity?done=${ended ? "signed-out" : "not-found"}`);
}
