/** What Google's Cross-Account Protection reports change: delivered token ids, the sign-in block, the account's users. */
import "server-only";
import { eq, lt } from "drizzle-orm";
import type { RiscSubject } from "@/lib/risc";
import { database } from "./client";
import { riscDeliveries, users } from "./schema";

/** Remembers a token id; false when it was delivered before (a redelivery changes nothing). */
export async function rememberDelivery(jti: string): Promise<boolean> {
  const db = await database();
  const inserted = await db
    .insert(riscDeliveries)
    .values({ jti })
    .onConflictDoNothing()
    .returning({ jti: riscDeliveries.jti });
  return inserted.length > 0;
}

/** Forgets token ids older than `before`: Google does not redeliver a token that old. */
export async function sweepDeliveries(before: Date): Promise<number> {
  const db = await database();
  const deleted = await db
    .delete(riscDeliveries)
    .where(lt(riscDeliveries.receivedAt, before))
    .returning({ jti: riscDeliveries.jti });
  return deleted.length;
}

/** Our user the report is about: Google's `sub` is our user id; an email names whoever has that address now. */
export async function findReportedUser(subject: RiscSubject): Promise<string | undefined> {
  const db = await database();
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where("sub" in subject ? eq(users.id, subject.sub) : eq(users.email, subject.email))
    .limit(1);
  return user?.id;
}

/** Refuses (a date) or allows again (null) Google sign-in for the user. */
export async function setGoogleSignInBlocked(userId: string, blockedAt: Date | null): Promise<void> {
  const db = await database();
  await db.update(users).set({ googleSignInBlockedAt: blockedAt }).where(eq(users.id, userId));
}

/** Whether Google sign-in is refused for this Google account (its `sub`). */
export async function isGoogleSignInBlocked(userId: string): Promise<boolean> {
  const db = await database();
  const [user] = await db
    .select({ blockedAt: users.googleSignInBlockedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return Boolean(user?.blockedAt);
}

/** Forgets one token id: its handling failed on our side, so Google's redelivery must be handled afresh. */
export async function forgetDelivery(jti: string): Promise<void> {
  const db = await database();
  await db.delete(riscDeliveries).where(eq(riscDeliveries.jti, jti));
}
