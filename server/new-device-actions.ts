"use server";

import "server-only";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { acknowledgeSecurityEvent } from "@/db/security-events";
import { safeCallbackUrl } from "@/lib/redirects";
import { endDeviceSession, storedSession } from "./device-sign-out";
import { whenStoreAnswers } from "./store-outage";

/*
 * The new-device notice's answers. The event is the signed-in person's own or nothing happens (the update matches
 * their user id); Next and middleware.ts refuse these posts from another origin, as the account page's.
 */
async function answer(formData: FormData, signOut: boolean): Promise<never> {
  const session = await storedSession();
  if (!session) redirect("/");
  const eventId = formData.get("eventId");
  const event =
    typeof eventId === "string"
      ? await whenStoreAnswers("new-device notice", () => acknowledgeSecurityEvent(session.user.id, eventId))
      : undefined;
  if (signOut && event?.newDevice && event.sessionId && event.sessionId !== session.sessionId)
    await endDeviceSession(session, event.sessionId);
  // The notice lives in the signed-in layout, which the browser's router would otherwise keep as it was. Not
  // revalidatePath: that would regenerate the prerendered home page at run time, without its sealed script hashes.
  refresh();
  const returnTo = formData.get("returnTo");
  redirect(safeCallbackUrl(typeof returnTo === "string" ? returnTo : undefined));
}

/** "It was me": the notice goes away. */
export async function itWasMe(formData: FormData) {
  await answer(formData, false);
}

/** "Sign it out": the new device's session ends now. */
export async function signItOut(formData: FormData) {
  await answer(formData, true);
}
