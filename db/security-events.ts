/** The record of what happened to each account: written by sign-in, sign-out and Google's reports, read by its owner. */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lt, ne, sql, type Column, type SQL } from "drizzle-orm";
import { sameDevice, type SecurityEventKind } from "@/lib/security-events";
import type { SigningInDevice } from "@/lib/device";
import { env } from "@/config/env";
import { database, type Database } from "./client";
import { securityEvents, users } from "./schema";
import { sessionCache } from "./session-cache";

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

/** Newest first; among events of the same moment (one transaction, one millisecond of PGlite's clock), the later insert. */
const newestFirst = [desc(securityEvents.at), desc(securityEvents.seq)] as const;

/** The person's events, newest first: only ever theirs (the user id comes from their session). */
export async function listSecurityEvents(userId: string, limit = 100): Promise<SecurityEvent[]> {
  const db = await database();
  return db
    .select()
    .from(securityEvents)
    .where(eq(securityEvents.userId, userId))
    .orderBy(...newestFirst)
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
  const event = await recordSecurityEvent(userId, "signed-in", { ...device, sessionId, newDevice }, db);
  // The person's other sessions carry whether they have a notice to show: looked up again on their next page.
  if (newDevice) sessionCache.forgetUser(userId);
  return event;
}

/**
 * Records a refused sign-in on the account's page, if there is such an account: a Google account that never signed
 * in here has no page to show it on. Returns whether it was recorded.
 */
export async function recordRefusedSignIn(userId: string, device: SigningInDevice, detail: string): Promise<boolean> {
  const db = await database();
  const [known] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!known) return false;
  await recordSecurityEvent(userId, "sign-in-refused", { ...device, detail }, db);
  return true;
}

/**
 * An unanswered sign-in from a new device on another of the person's sessions: what the new-device notice shows.
 * Takes columns too, so that the session lookup asks it of each session row in the same query.
 */
export const unansweredNewDevice = (userId: string | Column, sessionId: string | Column): SQL =>
  and(
    eq(securityEvents.userId, userId),
    eq(securityEvents.newDevice, true),
    isNull(securityEvents.acknowledgedAt),
    ne(securityEvents.sessionId, sessionId),
  )!;

/** The newest such sign-in, once the session lookup said there is one. */
export async function pendingNewDeviceNotice(userId: string, sessionId: string): Promise<SecurityEvent | undefined> {
  const db = await database();
  const [event] = await db
    .select()
    .from(securityEvents)
    .where(unansweredNewDevice(userId, sessionId))
    .orderBy(...newestFirst)
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
  if (event) sessionCache.forgetUser(userId);
  return event;
}

/** Events deleted per statement: bounded work, however many have piled up. */
const sweepBatch = 100;

/**
 * Deletes events older than SECURITY_EVENTS_RETENTION_DAYS and each person's beyond the newest
 * SECURITY_EVENTS_PER_USER, a batch at a time, at most `maxBatches` batches of each; returns how many.
 */
export async function sweepSecurityEvents(now = new Date(), maxBatches = 1): Promise<number> {
  const db = await database();
  const oldest = new Date(now.getTime() - env.SECURITY_EVENTS_RETENTION_DAYS * 86_400_000);
  const ranked = db
    .select({
      id: securityEvents.id,
      rank: sql<number>`row_number() over (partition by ${securityEvents.userId} order by ${securityEvents.at} desc, ${securityEvents.seq} desc)`.as(
        "rank",
      ),
    })
    .from(securityEvents)
    .as("ranked");
  let deleted = 0;
  for (const stale of [
    () =>
      db.select({ id: securityEvents.id }).from(securityEvents).where(lt(securityEvents.at, oldest)).limit(sweepBatch),
    () =>
      db.select({ id: ranked.id }).from(ranked).where(gt(ranked.rank, env.SECURITY_EVENTS_PER_USER)).limit(sweepBatch),
  ])
    for (let batch = 0; batch < maxBatches; batch++) {
      const swept = await db
        .delete(securityEvents)
        .where(inArray(securityEvents.id, stale()))
        .returning({ id: securityEvents.id });
      deleted += swept.length;
      if (swept.length < sweepBatch) break;
    }
  return deleted;
}
