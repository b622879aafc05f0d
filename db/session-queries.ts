/**
 * Sessions as the pages, server actions and the adapter see them. Every lookup goes by the token's hash (the primary
 * key) or by the user's id (indexed); nothing here ever sees or returns a usable token.
 */
import "server-only";
import { and, desc, eq, gt, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Session } from "next-auth";
import { env, sessionLifetime } from "@/config/env";
import type { SigningInDevice } from "@/lib/device";
import type { SecurityEventKind } from "@/lib/security-events";
import { sessionTokenHash } from "@/lib/session-token";
import { database } from "./client";
import { countSessionsEnded } from "./metrics";
import { sessionCache, type CachedSession } from "./session-cache";
import { securityEvents, sessions, users } from "./schema";
import { recordSecurityEvent, unansweredNewDevice } from "./security-events";

/** "Last seen" (and with it the idle timeout) is written at most once a minute per session (a tenth of short timeouts). */
export const touchIntervalMs = Math.min(60_000, sessionLifetime.idleSeconds * 100);
/** Expired sessions deleted per statement: bounded work, however many have piled up. */
const sweepBatch = 100;

/** When a session started at `createdAt` ends at the latest, however active. */
export const absoluteExpiry = (createdAt: Date) => new Date(createdAt.getTime() + sessionLifetime.maxSeconds * 1000);

/** The idle timeout counted from `now`, cut short by the absolute cap. */
export const idleExpiry = (createdAt: Date, now: Date) =>
  new Date(Math.min(now.getTime() + sessionLifetime.idleSeconds * 1000, absoluteExpiry(createdAt).getTime()));

const isAlive = (row: { expires: Date; createdAt: Date }, now: Date) =>
  row.expires > now && absoluteExpiry(row.createdAt) > now;

/** One indexed lookup by the token's hash (the primary key), with the session's user. */
async function lookUp(tokenHash: string): Promise<CachedSession | undefined> {
  const db = await database();
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      // In the same query: almost always false, and then the page needs no other.
      hasNewDeviceNotice: sql<boolean>`exists (${db
        .select({ id: securityEvents.id })
        .from(securityEvents)
        .where(unansweredNewDevice(sessions.userId, sessions.id))})`.mapWith(Boolean),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, tokenHash));
  if (!row) return undefined;
  const { session, user, hasNewDeviceNotice } = row;
  return {
    userId: user.id,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expires: session.expires,
    session: {
      user: {
        id: user.id,
        email: user.email,
        name: user.name ?? user.email,
        image: user.image,
        emailVerified: user.emailVerified !== null,
      },
      sessionId: session.id,
      signedInAt: session.createdAt.toISOString(),
      verifiedAt: session.verifiedAt.toISOString(),
      hasNewDeviceNotice,
      expires: session.expires.toISOString(),
    },
  };
}

/**
 * The live session a cookie's token stands for, its "last seen" moved on when due; null for anything else. Looked up
 * at most once a second per session and process (db/session-cache.ts).
 */
export async function findLiveSession(token: string, now = new Date()): Promise<Session | null> {
  const tokenHash = sessionTokenHash(token);
  // Taken first: a session ended while this runs is never cached again.
  const generation = sessionCache.generation;
  let found = sessionCache.get(tokenHash, now.getTime());
  if (!found) {
    found = await lookUp(tokenHash);
    if (!found) return null;
    sessionCache.set(tokenHash, found, now.getTime(), generation);
  }
  if (!isAlive(found, now)) {
    sessionCache.forgetToken(tokenHash);
    return null;
  }
  if (now.getTime() - found.lastSeenAt.getTime() >= touchIntervalMs) {
    const expires = idleExpiry(found.createdAt, now);
    const db = await database();
    await db.update(sessions).set({ lastSeenAt: now, expires }).where(eq(sessions.sessionToken, tokenHash));
    found = { ...found, lastSeenAt: now, expires, session: { ...found.session, expires: expires.toISOString() } };
    sessionCache.set(tokenHash, found, now.getTime(), generation);
  }
  return found.session;
}

export interface DeviceSession {
  id: string;
  browser: string | null;
  os: string | null;
  network: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
}

/** A person's live sessions, most recently used first. */
export async function listSessions(userId: string, now = new Date()): Promise<DeviceSession[]> {
  const db = await database();
  const rows = await db
    .select({
      id: sessions.id,
      browser: sessions.browser,
      os: sessions.os,
      network: sessions.network,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expires: sessions.expires,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expires, now)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  return rows.filter((row) => isAlive(row, now));
}

/**
 * Ends one of the person's own sessions; another person's session id matches nothing. Returns whether one ended.
 * `record`: the activity page's entry, written in the same transaction, with the ended device.
 */
export async function endSession(userId: string, sessionId: string, record?: SecurityEventKind): Promise<boolean> {
  const db = await database();
  const ended = await db.transaction(async (tx) => {
    const rows = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
      .returning({ id: sessions.id, browser: sessions.browser, os: sessions.os, network: sessions.network });
    const [row] = rows;
    if (row && record) await recordSecurityEvent(userId, record, { ...row, sessionId: row.id }, tx);
    return rows;
  });
  sessionCache.forgetUser(userId);
  return ended.length > 0;
}

/** Ends every session of the person but `keepSessionId` (when given), recording `record` if given. Returns how many ended. */
export async function endSessions(
  userId: string,
  keepSessionId?: string,
  record?: { kind: SecurityEventKind; device?: SigningInDevice; detail?: string },
): Promise<number> {
  const db = await database();
  const ended = await db.transaction(async (tx) => {
    const rows = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
      .returning({ id: sessions.id });
    if (record) await recordSecurityEvent(userId, record.kind, { ...record.device, detail: record.detail ?? null }, tx);
    return rows;
  });
  sessionCache.forgetUser(userId);
  return ended.length;
}

/** Any fixed number: every instance's sweep takes the same lock (the migrator's is another). */
export const sweepLockKey = 7_420_250_902;

/**
 * Deletes sessions past their idle timeout or absolute cap, a batch at a time, at most `maxBatches` batches; returns
 * how many. One instance sweeps at a time: while another holds the lock, this one skips (null).
 */
export async function sweepExpiredSessions(now = new Date(), maxBatches = 1): Promise<number | null> {
  const db = await database();
  const capStart = new Date(now.getTime() - sessionLifetime.maxSeconds * 1000);
  return db.transaction(async (tx) => {
    // Held until the transaction ends; another instance's sweep that finds it taken skips rather than waits.
    const [lock] = await tx
      .select({ taken: sql<boolean>`pg_try_advisory_xact_lock(${sweepLockKey})` })
      .from(sql`(values (1)) as once`);
    if (!lock?.taken) return null;
    let deleted = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const expired = tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(or(lt(sessions.expires, now), lt(sessions.createdAt, capStart)))
        .limit(sweepBatch);
      const swept = await tx.delete(sessions).where(inArray(sessions.id, expired)).returning({ id: sessions.id });
      deleted += swept.length;
      if (swept.length < sweepBatch) break;
    }
    countSessionsEnded("expired", deleted);
    return deleted;
  });
}

/** Ends the person's live sessions beyond the AUTH_SESSIONS_PER_USER most recently seen; `newestId` always stays. */
export async function endSessionsPastCap(userId: string, newestId: string, now = new Date()): Promise<void> {
  const db = await database();
  const capStart = new Date(now.getTime() - sessionLifetime.maxSeconds * 1000);
  const pastCap = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        ne(sessions.id, newestId),
        gt(sessions.expires, now),
        gt(sessions.createdAt, capStart),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .offset(env.AUTH_SESSIONS_PER_USER - 1);
  const ended = await db
    .delete(sessions)
    .where(inArray(sessions.id, pastCap))
    .returning({ tokenHash: sessions.sessionToken });
  for (const { tokenHash } of ended) sessionCache.forgetToken(tokenHash);
  countSessionsEnded("cap", ended.length);
}

/**
 * Ends the session a token stands for: a sign-out (recorded on the activity page, in the same transaction) or a
 * sign-in replacing this browser's session. Whose it was, if any.
 */
export async function endSessionByToken(token: string, why: "sign_out" | "replaced"): Promise<string | undefined> {
  const db = await database();
  const ended = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(sessions)
      .where(eq(sessions.sessionToken, sessionTokenHash(token)))
      .returning();
    if (row && why === "sign_out")
      await recordSecurityEvent(row.userId, "signed-out", { ...row, sessionId: row.id }, tx);
    return row;
  });
  sessionCache.forgetToken(sessionTokenHash(token));
  countSessionsEnded(why, ended ? 1 : 0);
  return ended?.userId;
}

/**
 * A re-verified session gets a new token in place (the old one stops working at once) and `verifiedAt` now; another
 * person's or a gone session id matches nothing. Returns when the session's cookie must expire, or null.
 */
export async function rotateVerifiedSession(
  userId: string,
  sessionId: string,
  token: string,
  now = new Date(),
): Promise<Date | null> {
  const db = await database();
  const [rotated] = await db
    .update(sessions)
    .set({ sessionToken: sessionTokenHash(token), verifiedAt: now })
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId), gt(sessions.expires, now)))
    .returning({ createdAt: sessions.createdAt });
  sessionCache.forgetUser(userId);
  return rotated ? absoluteExpiry(rotated.createdAt) : null;
}
