/**
 * Auth.js's drizzle adapter over our tables, with five changes that make it ours:
 * - users are found by their Google account (`sub`), never by email: an address can change hands;
 * - Google's tokens are not stored: after sign-in we never call Google;
 * - sessions are stored under the SHA-256 of their token, with the device and when they were created and used;
 * - the session cookie lives until the absolute cap; the database's `expires` is the idle timeout, whoever writes it;
 * - a person keeps at most AUTH_SESSIONS_PER_USER sessions: a sign-in past that ends the least recently seen.
 */
import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import type { SigningInDevice } from "@/lib/device";
import { newSessionId, sessionTokenHash } from "@/lib/session-token";
import { inSpan } from "@/lib/spans";
import { database, type Database } from "./client";
import { countSessionStarted, countSessionsEnded } from "./metrics";
import { accounts, sessions, users } from "./schema";
import { recordSecurityEvent, recordSignIn, type SecurityEvent } from "./security-events";
import { sessionCache } from "./session-cache";
import { absoluteExpiry, endSessionsPastCap, idleExpiry, sweepExpiredSessions } from "./session-queries";

const adapters = new WeakMap<Database, Adapter>();
async function drizzleAdapter(): Promise<Adapter> {
  const db = await database();
  let adapter = adapters.get(db);
  if (!adapter)
    adapters.set(
      db,
      (adapter = DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions })),
    );
  return adapter;
}

/** Without a request to read it from (the adapter's own tests), the device is unknown. */
const unknownDevice: SigningInDevice = { browser: null, os: null, network: null };

const withToken = (session: AdapterSession, token: string): AdapterSession => ({ ...session, sessionToken: token });

/** `signingInDevice`: the request's facts, handed over by auth.ts, for the session list. */
/** `onNewDevice`: told of a sign-in from a device the account had not used (the mail goes from there). */
export function sessionStoreAdapter(
  signingInDevice: () => SigningInDevice = () => unknownDevice,
  onNewDevice: (event: SecurityEvent) => void = () => undefined,
): Adapter {
  return {
    async createUser(user) {
      // `sub` comes from the Google provider's profile() in auth.ts; Auth.js itself would give the user a random id.
      const { sub } = user as AdapterUser & { sub?: string };
      if (!sub) throw new Error("A user can only be created from a Google profile with a sub");
      return (await drizzleAdapter()).createUser!({
        id: sub,
        email: user.email,
        name: user.name ?? null,
        image: user.image ?? null,
        emailVerified: null,
      });
    },
    getUser: async (id) => (await drizzleAdapter()).getUser!(id),
    getUserByEmail: async () => null,
    getUserByAccount: async (account) => (await drizzleAdapter()).getUserByAccount!(account),
    async updateUser(user) {
      sessionCache.forgetUser(user.id);
      return (await drizzleAdapter()).updateUser!(user);
    },
    async deleteUser(id) {
      const adapter = await drizzleAdapter();
      await adapter.deleteUser!(id);
    },
    async linkAccount({ userId, type, provider, providerAccountId }) {
      const adapter = await drizzleAdapter();
      await adapter.linkAccount!({ userId, type, provider, providerAccountId } satisfies AdapterAccount);
    },
    async unlinkAccount(account) {
      const adapter = await drizzleAdapter();
      await adapter.unlinkAccount!(account);
    },
    async createSession({ sessionToken, userId }) {
      const now = new Date();
      await sweepExpiredSessions(now);
      const row = {
        sessionToken: sessionTokenHash(sessionToken),
        userId,
        expires: idleExpiry(now, now),
        id: newSessionId(),
        createdAt: now,
        lastSeenAt: now,
        ...signingInDevice(),
      };
      const created = await inSpan("session.create", async () => (await drizzleAdapter()).createSession!(row));
      await endSessionsPastCap(userId, row.id, now);
      countSessionStarted();
      const event = await recordSignIn(userId, row.id, { browser: row.browser, os: row.os, network: row.network });
      if (event.newDevice) onNewDevice(event);
      // What Auth.js puts on the cookie: the token itself, alive until the absolute cap.
      return { ...withToken(created, sessionToken), expires: absoluteExpiry(now) };
    },
    async getSessionAndUser(sessionToken) {
      const found = await (await drizzleAdapter()).getSessionAndUser!(sessionTokenHash(sessionToken));
      return found && { ...found, session: withToken(found.session, sessionToken) };
    },
    async updateSession({ sessionToken, expires }) {
      // Auth.js asks for now + the cookie's lifetime (the absolute cap): never later than the idle timeout allows.
      const tokenHash = sessionTokenHash(sessionToken);
      const db = await database();
      const [found] = await db
        .select({ createdAt: sessions.createdAt })
        .from(sessions)
        .where(eq(sessions.sessionToken, tokenHash));
      if (!found) return null;
      const idle = idleExpiry(found.createdAt, new Date());
      const [updated] = await db
        .update(sessions)
        .set({ expires: expires && expires < idle ? expires : idle })
        .where(eq(sessions.sessionToken, tokenHash))
        .returning({ userId: sessions.userId, expires: sessions.expires });
      sessionCache.forgetToken(tokenHash);
      return updated ? { ...updated, sessionToken } : null;
    },
    async deleteSession(sessionToken) {
      const tokenHash = sessionTokenHash(sessionToken);
      sessionCache.forgetToken(tokenHash);
      // Not the adapter's own: it returns nothing, and events.signOut (the log line) wants to know whose session ended.
      const db = await database();
      const deleted = await db.transaction(async (tx) => {
        const [row] = await tx.delete(sessions).where(eq(sessions.sessionToken, tokenHash)).returning();
        if (row) await recordSecurityEvent(row.userId, "signed-out", { ...row, sessionId: row.id }, tx);
        return row;
      });
      countSessionsEnded("sign_out", deleted ? 1 : 0);
      return deleted ? { userId: deleted.userId, expires: deleted.expires, sessionToken: "" } : null;
    },
  };
}
