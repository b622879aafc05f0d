/**
 * Signing out one device from another, wherever the person asks (the device list, "That wasn't me" on the activity
 * page, "Sign it out" on a new-device notice): the same limit, the same truth during an outage, the same count.
 */
import "server-only";
import type { Session } from "next-auth";
import { countSessionsEnded } from "@/db/metrics";
import { endSession } from "@/db/session-queries";
import { limitAction } from "./rate-limit";
import { getSession } from "./session";
import { whenStoreAnswers } from "./store-outage";

/** The session behind an action; while the store cannot answer, the visitor is told nothing changed. */
export const storedSession = () => whenStoreAnswers("session lookup", getSession);

/** Ends one of the person's own sessions; another person's, or one already gone, ends nothing (false). */
export async function endDeviceSession(session: Session, sessionId: string): Promise<boolean> {
  await limitAction("account", session.sessionId);
  const ended = await whenStoreAnswers("device sign-out", () =>
    endSession(session.user.id, sessionId, "device-signed-out"),
  );
  countSessionsEnded("device", ended ? 1 : 0);
  return ended;
}
