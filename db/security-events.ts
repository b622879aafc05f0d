/** The record of what happened to each account: written by sign-in, sign-out and Google's reports, read by its owner. */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { SecurityEventKind } from "@/lib/security-events";
import type { SigningInDevice } from "@/lib/device";
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
