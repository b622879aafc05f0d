"use server";

import { redirect } from "next/navigation";
import { acknowledgeSecurityEvent, findSecurityEvent } from "@/db/security-events";
import { endDeviceSession, storedSession } from "@/server/device-sign-out";
import { whenStoreAnswers } from "@/server/store-outage";

/*
 * "That wasn't me": signs out the device an entry is about. The entry is looked up among the signed-in person's own
 * events only, so another person's event id ends nothing. Next refuses server actions posted from another origin, and
 * middleware.ts refuses cross-site writes before they get here.
 */
export async function signOutThatDevice(formData: FormData) {
  const session = await storedSession();
  if (!session) redirect("/");
  const eventId = formData.get("eventId");
  const event =
    typeof eventId === "string"
      ? await whenStoreAnswers("activity lookup", () => findSecurityEvent(session.user.id, eventId))
      : undefined;
  const ended =
    event?.sessionId && event.sessionId !== session.sessionId
      ? await endDeviceSession(session, event.sessionId)
      : false;
  if (event?.newDevice)
    await whenStoreAnswers("new-device notice", () => acknowledgeSecurityEvent(session.user.id, event.id));
  redirect(`/account/activity?done=${ended ? "signed-out" : "not-found"}`);
}
