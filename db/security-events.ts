/** The record of what happened to each account: written by sign-in, sign-out and Google's reports, read by its owner. */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { sameDevice, type SecurityEventKind } from "@/lib/security-events";
import type { SigningInDevice } from "@/lib/device";
import { env } from "@/config/env";
import { database, type Database } from "./client";
import { securityEvents } from "./schema";

export type SecurityEvent = typeof securityEvents.$inferSelect;

/** What an event says beyond its kind; every field optional. */
export type SecurityEventDetails = Partial<SigningInDevice> & {
  sessionId?: string | null;
  detail?: string | null;
  newDevice?: boolean;
};

/** Records one event; pass `tx` to make it part of the change it describes (a sign-out and its entry go together). */
export async function recordSecurityEvent(
  userId: string,
  kind: SecurityEventKind,
  details: SecurityEventDetails = {},
  tx?: Pick<Database, "insert">,
): Promise<SecurityEvent> {
  const db = tx ?? (await database());
  const [event] = await db
    .insert(securityEvents)
    .values({
      id: randomUUID(),
      userId,
      kind,
      sessionId: details.sessionId ?? null,
      browser: details.browser ?? null,
      os: details.os ?? null,
      network: details.network ?? null,
      detail: details.detail ?? null,
      newDevice: details.newDevice ?? false,
    })
    .returning();
  return event!;
}

/** The person's events, newest first: only ever theirs (the user id comes from their session). */
export async function listSecurityEvents(userId: string, limit = 100): Promise<SecurityEvent[]> {
  const db = await database();
  return db
    .select()
    .from(securityEvents)
    .where(eq(securityEvents.userId, userId))
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(limit);
}

/** One of the person's events by id; undefined if it is not theirs. */
export async function findSecurityEvent(userId: string, id: string): Promise<SecurityEvent | undefined> {
  const db = await database();
  const [event] = await db
    .select()
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.id, id)));
  return event;
}

/**
 * Records a sign-in. A new device is one whose browser and OS (versions aside) none of the account's remembered
 * sign-ins used, on an account that has signed in before: a first sign-in has no other device to warn.
 */
export async function recordSignIn(
  userId: string,
  sessionId: string,
  device: SigningInDevice,
  tx?: Pick<Database, "insert" | "select">,
): Promise<SecurityEvent> {
  const db = tx ?? (await database());
  const earlier = await db
    .select({ browser: securityEvents.browser, os: securityEvents.os })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.kind, "signed-in")))
    .limit(env.SECURITY_EVENTS_PER_USER);
  const newDevice = earlier.length > 0 && !earlier.some((seen) => sameDevice(seen, device));
  return recordSecurityEvent(userId, "signed-in", { ...device, sessionId, newDevice }, db);
}

/** The newest unanswered new-device sign-in of another session: one indexed query per signed-in page. */
export async function pendingNewDeviceNotice(userId: string, sessionId: string): Promise<SecurityEvent | undefined> {
  const db = await database();
  const [event] = await db
    .select()
    .from(securityEvents)
    .where(
      and(
        eq(securityEvents.userId, userId),
        eq(securityEvents.newDevice, true),
        isNull(securityEvents.acknowledgedAt),
        ne(securityEvents.sessionId, sessionId),
      ),
    )
    .orderBy(desc(securityEvents.at))
    .limit(1);
  return event;
}

/** Answers one of the person's own new-device notices; another person's event id changes nothing. */
export async function acknowledgeSecurityEvent(
  userId: string,
  id: string,
  now = new Date(),
): Promise<SecurityEvent | undefined> {
  const db = await database();
  const [event] = await db
    .update(securityEvents)
    .set({ acknowledgedAt: now })
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.id, id)))
    .returning();
  return event;
}
