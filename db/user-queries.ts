/** People as the sign-in and the account page change them; their sessions are in session-queries.ts. */
import "server-only";
import { eq } from "drizzle-orm";
import { database } from "./client";
import { countSessionsEnded } from "./metrics";
import { sessions, users } from "./schema";
import { sessionCache } from "./session-cache";

/** Deletes the person: their sessions and linked accounts go with them (foreign keys cascade). */
export async function deleteUser(userId: string): Promise<void> {
  const db = await database();
  // The sessions go with the person (ON DELETE CASCADE): counted first, for the metrics.
  const ended = await db.$count(sessions, eq(sessions.userId, userId));
  await db.delete(users).where(eq(users.id, userId));
  sessionCache.forgetUser(userId);
  countSessionsEnded("deletion", ended);
}

/** Name, address, picture and verification as Google reports them at this sign-in. */
export async function refreshProfile(
  userId: string,
  google: { email: string; name?: string | null; picture?: string | null; email_verified?: boolean },
  now = new Date(),
): Promise<void> {
  const db = await database();
  await db
    .update(users)
    .set({
      email: google.email,
      name: google.name ?? google.email,
      image: google.picture ?? null,
      emailVerified: google.email_verified === true ? now : null,
      lastSignInAt: now,
    })
    .where(eq(users.id, userId));
  sessionCache.forgetUser(userId);
}

/** The person's address as Google last reported it; undefined once they are gone. */
export async function userEmail(userId: string): Promise<string | undefined> {
  const db = await database();
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user?.email ?? undefined;
}
