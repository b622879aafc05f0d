/**
 * What the session store promises, run against the embedded store (db/embedded.test.ts) and against a real
 * PostgreSQL server (db/postgres.test.ts). Each file points the environment at its store before the contract's first
 * hook imports the store's modules.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

/** The store's modules, imported only once the test file has pointed the environment at its store. */
async function importStore() {
  return {
    client: await import("./client"),
    adapter: (await import("./adapter")).sessionStoreAdapter(),
    sessions: await import("./session-queries"),
    users: await import("./user-queries"),
    schema: await import("./schema"),
    migrations: await import("./migrations"),
    events: await import("./security-events"),
    token: await import("@/lib/session-token"),
    cache: (await import("./session-cache")).sessionCache,
    env: (await import("@/config/env")).env,
  };
}

export function storeContract() {
  let modules: Awaited<ReturnType<typeof importStore>>;

  let counter = 0;
  /** A Google account of its own for each test. */
  async function signUp() {
    const { adapter } = modules;
    const sub = `sub-${Date.now()}-${++counter}`;
    const user = await adapter.createUser!({
      id: "random-from-authjs",
      sub,
      email: `person${counter}@example.com`,
      emailVerified: null,
      name: "Person",
      image: null,
    });
    await adapter.linkAccount!({
      userId: user.id,
      type: "oidc",
      provider: "google",
      providerAccountId: sub,
      access_token: "ya29.secret",
      id_token: "eyJ.secret",
      refresh_token: "1//secret",
    });
    return user;
  }

  async function startSession(userId: string) {
    const { adapter, token } = modules;
    const sessionToken = token.newSessionToken("a-secret-that-is-long-enough-for-tests");
    const session = await adapter.createSession!({ sessionToken, userId, expires: new Date() });
    return { sessionToken, session };
  }

  describe("the session store", () => {
    // A fresh embedded store runs initdb and the migrations: seconds on a busy machine.
    beforeAll(async () => {
      modules = await importStore();
      await modules.client.store();
    }, 120_000);

    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("has every migration applied", async () => {
      const { client, migrations } = modules;
      const store = await client.store();
      expect(await store.pendingMigrations()).toBe(0);
      expect(migrations.knownMigrations().length).toBeGreaterThan(0);
    });

    it("keys users by Google's sub, never finds them by email, and stores none of Google's tokens", async () => {
      const { adapter, client, schema } = modules;
      const user = await signUp();
      expect(user.id).toMatch(/^sub-/);
      expect(await adapter.getUserByEmail!(user.email)).toBeNull();
      expect((await adapter.getUserByAccount!({ provider: "google", providerAccountId: user.id }))?.id).toBe(user.id);
      const db = await client.database();
      const [account] = await db.select().from(schema.accounts).where(eq(schema.accounts.userId, user.id));
      expect(account).toMatchObject({
        access_token: null,
        id_token: null,
        refresh_token: null,
        provider: "google",
        providerAccountId: user.id,
      });
    });

    it("stores a session under its token's SHA-256, never the token, and finds it by the token", async () => {
      const { adapter, client, schema, sessions, token } = modules;
      const user = await signUp();
      const { sessionToken, session } = await startSession(user.id);
      // What Auth.js puts on the cookie: the token itself, alive until the absolute cap.
      expect(session.sessionToken).toBe(sessionToken);
      const db = await client.database();
      const rows = await db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.sessionToken).toBe(token.sessionTokenHash(sessionToken));
      expect(JSON.stringify(rows)).not.toContain(sessionToken.split(".")[0]);
      expect((await adapter.getSessionAndUser!(sessionToken))?.user.id).toBe(user.id);
      expect((await sessions.findLiveSession(sessionToken))?.user.id).toBe(user.id);
      // The stored hash is no token: presented as a cookie, it opens nothing.
      expect(await sessions.findLiveSession(rows[0]!.sessionToken)).toBeNull();
    });

    it("moves last seen (and the idle timeout) at most once per interval, never past the absolute cap", async () => {
      const { client, schema, sessions } = modules;
      const user = await signUp();
      const { sessionToken } = await startSession(user.id);
      const db = await client.database();
      const row = async () => (await db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id)))[0]!;
      const created = await row();
      const soon = new Date(created.createdAt.getTime() + sessions.touchIntervalMs / 2);
      await sessions.findLiveSession(sessionToken, soon);
      expect((await row()).lastSeenAt).toEqual(created.lastSeenAt);
      const later = new Date(created.createdAt.getTime() + sessions.touchIntervalMs + 1);
      await sessions.findLiveSession(sessionToken, later);
      expect((await row()).lastSeenAt).toEqual(later);
      expect((await row()).expires.getTime()).toBeLessThanOrEqual(sessions.absoluteExpiry(created.createdAt).getTime());
      // Past the absolute cap, however recently used.
      expect(
        await sessions.findLiveSession(
          sessionToken,
          new Date(sessions.absoluteExpiry(created.createdAt).getTime() + 1),
        ),
      ).toBeNull();
    });

    it("keeps each person's security events to themselves, newest first", async () => {
      const { events } = modules;
      const [ada, grace] = [await signUp(), await signUp()];
      const first = await events.recordSecurityEvent(ada.id, "signed-in", { browser: "Firefox 140", os: "Linux" });
      const second = await events.recordSecurityEvent(ada.id, "signed-out", { sessionId: "s-1" });
      await events.recordSecurityEvent(grace.id, "signed-in");
      const listed = await events.listSecurityEvents(ada.id);
      expect(listed.map((event) => event.kind)).toEqual(["signed-out", "signed-in"]);
      expect(listed[1]).toMatchObject({ browser: "Firefox 140", os: "Linux", newDevice: false, acknowledgedAt: null });
      expect(await events.findSecurityEvent(ada.id, second.id)).toMatchObject({ sessionId: "s-1" });
      expect(await events.findSecurityEvent(grace.id, first.id)).toBeUndefined();
    });

    it("lists events of the same moment (one transaction) in the order they happened, newest first", async () => {
      const { client, events } = modules;
      const ada = await signUp();
      const kinds = ["signed-in", "signed-out", "signed-in", "device-signed-out", "signed-out", "signed-in"] as const;
      // One transaction: every insert gets the same now(), so only the insertion order can tell them apart.
      await (
        await client.database()
      ).transaction(async (tx) => {
        for (const kind of kinds) await events.recordSecurityEvent(ada.id, kind, {}, tx);
      });
      expect((await events.listSecurityEvents(ada.id)).map((event) => event.kind)).toEqual([...kinds].reverse());
    });

    it("records sign-ins (a new browser and OS marked), sign-outs and devices signed out, each for its own person", async () => {
      const { adapter, events, sessions } = modules;
      const ada = await signUp();
      const grace = await signUp();
      const firefox = { browser: "Firefox 140", os: "Linux", network: "203.0.113.0/24" };
      const first = await events.recordSignIn(ada.id, "s-first", firefox);
      // A first sign-in has no other device to warn; an update of the same browser is no new device.
      expect(first.newDevice).toBe(false);
      expect((await events.recordSignIn(ada.id, "s-update", { ...firefox, browser: "Firefox 141" })).newDevice).toBe(
        false,
      );
      const chrome = await events.recordSignIn(ada.id, "s-chrome", { ...firefox, browser: "Chrome 156" });
      expect(chrome.newDevice).toBe(true);
      // The notice shows on the other sessions, never on the new one, and only to its own person.
      expect((await events.pendingNewDeviceNotice(ada.id, "s-first"))?.id).toBe(chrome.id);
      expect(await events.pendingNewDeviceNotice(ada.id, "s-chrome")).toBeUndefined();
      expect(await events.pendingNewDeviceNotice(grace.id, "s-first")).toBeUndefined();
      expect(await events.acknowledgeSecurityEvent(grace.id, chrome.id)).toBeUndefined();
      expect(await events.pendingNewDeviceNotice(ada.id, "s-first")).toBeDefined();
      expect((await events.acknowledgeSecurityEvent(ada.id, chrome.id))?.acknowledgedAt).not.toBeNull();
      expect(await events.pendingNewDeviceNotice(ada.id, "s-first")).toBeUndefined();

      // The session lookup says whether a session has a notice to show, in the same query, and hears of an answer.
      const mine = await startSession(ada.id);
      const lookup = async () => (await sessions.findLiveSession(mine.sessionToken))!.hasNewDeviceNotice;
      expect(await lookup()).toBe(false);
      const safari = await events.recordSignIn(ada.id, "s-safari", { ...firefox, browser: "Safari 18", os: "macOS" });
      expect(await lookup()).toBe(true);
      await events.acknowledgeSecurityEvent(ada.id, safari.id);
      expect(await lookup()).toBe(false);

      // The adapter records the sign-in and, in the same transaction as the delete, the sign-out.
      const { sessionToken } = await startSession(ada.id);
      const sessionId = (await sessions.findLiveSession(sessionToken))!.sessionId;
      expect((await events.listSecurityEvents(ada.id))[0]).toMatchObject({ kind: "signed-in", sessionId });
      await adapter.deleteSession!(sessionToken);
      expect((await events.listSecurityEvents(ada.id))[0]).toMatchObject({ kind: "signed-out", sessionId });
      const other = await startSession(ada.id);
      const otherId = (await sessions.findLiveSession(other.sessionToken))!.sessionId;
      expect(await sessions.endSession(grace.id, otherId, "device-signed-out")).toBe(false);
      expect((await events.listSecurityEvents(grace.id)).map((event) => event.kind)).toEqual([]);
      expect(await sessions.endSession(ada.id, otherId, "device-signed-out")).toBe(true);
      expect((await events.listSecurityEvents(ada.id))[0]).toMatchObject({
        kind: "device-signed-out",
        sessionId: otherId,
      });
      await sessions.endSessions(ada.id, undefined, { kind: "signed-out-everywhere" });
      expect((await events.listSecurityEvents(ada.id))[0]?.kind).toBe("signed-out-everywhere");
    });

    it("sweeps security events past the retention period and each person's beyond the cap, in bounded batches", async () => {
      const { client, env, events, schema } = modules;
      const ada = await signUp();
      const db = await client.database();
      const day = 86_400_000;
      const old = new Date(Date.now() - (env.SECURITY_EVENTS_RETENTION_DAYS + 1) * day);
      const kept = await events.recordSecurityEvent(ada.id, "signed-in");
      const stale = await events.recordSecurityEvent(ada.id, "signed-out");
      await db.update(schema.securityEvents).set({ at: old }).where(eq(schema.securityEvents.id, stale.id));
      await events.sweepSecurityEvents();
      expect((await events.listSecurityEvents(ada.id)).map((event) => event.id)).toEqual([kept.id]);
      // Past the cap: the oldest go, the newest SECURITY_EVENTS_PER_USER stay.
      const rows = Array.from({ length: env.SECURITY_EVENTS_PER_USER + 5 }, (_, index) => ({
        id: `cap-${ada.id}-${index}`,
        userId: ada.id,
        kind: "signed-in" as const,
        at: new Date(Date.now() - (index + 1) * 60_000),
      }));
      await db.insert(schema.securityEvents).values(rows);
      await events.sweepSecurityEvents(new Date(), 3);
      const left = await events.listSecurityEvents(ada.id, 1000);
      expect(left).toHaveLength(env.SECURITY_EVENTS_PER_USER);
      expect(left[0]!.id).toBe(kept.id);
    });

    it("ends only the person's own sessions", async () => {
      const { sessions } = modules;
      const ada = await signUp();
      const grace = await signUp();
      const adas = await startSession(ada.id);
      const graces = await startSession(grace.id);
      const graceSessionId = (await sessions.findLiveSession(graces.sessionToken))!.sessionId;
      expect(await sessions.endSession(ada.id, graceSessionId)).toBe(false);
      expect(await sessions.findLiveSession(graces.sessionToken)).not.toBeNull();
      const adaSessionId = (await sessions.findLiveSession(adas.sessionToken))!.sessionId;
      expect(await sessions.endSession(ada.id, adaSessionId)).toBe(true);
      expect(await sessions.findLiveSession(adas.sessionToken)).toBeNull();
    });

    it("ends every other session, or all of them; deleting the person takes sessions and accounts along", async () => {
      const { adapter, sessions, users } = modules;
      const ada = await signUp();
      const here = await startSession(ada.id);
      const elsewhere = [await startSession(ada.id), await startSession(ada.id)];
      const hereId = (await sessions.findLiveSession(here.sessionToken))!.sessionId;
      expect(await sessions.listSessions(ada.id)).toHaveLength(3);
      expect(await sessions.endSessions(ada.id, hereId)).toBe(2);
      for (const { sessionToken } of elsewhere) expect(await sessions.findLiveSession(sessionToken)).toBeNull();
      expect(await sessions.findLiveSession(here.sessionToken)).not.toBeNull();
      await startSession(ada.id);
      await users.deleteUser(ada.id);
      expect(await sessions.findLiveSession(here.sessionToken)).toBeNull();
      expect(await sessions.listSessions(ada.id)).toEqual([]);
      expect(await adapter.getUserByAccount!({ provider: "google", providerAccountId: ada.id })).toBeNull();
    });

    it("remembers a lookup for at most a second: a session ended by another instance is refused once it has passed", async () => {
      const { cache, client, schema, sessions } = modules;
      const user = await signUp();
      const { sessionToken } = await startSession(user.id);
      const now = new Date();
      expect(await sessions.findLiveSession(sessionToken, now)).not.toBeNull();
      // Another instance ends it: straight in the database, nothing tells this process.
      const db = await client.database();
      await db.delete(schema.sessions).where(eq(schema.sessions.userId, user.id));
      expect(await sessions.findLiveSession(sessionToken, new Date(now.getTime() + cache.ttlMs))).toBeNull();
    });

    it("lets no caller of updateSession push a session's expiry past the idle timeout (Auth.js writes now + the absolute cap)", async () => {
      const { adapter, client, schema, sessions } = modules;
      const user = await signUp();
      const { sessionToken } = await startSession(user.id);
      const before = new Date();
      const updated = await adapter.updateSession!({
        sessionToken,
        expires: new Date(Date.now() + 365 * 24 * 3600 * 1000),
      });
      const db = await client.database();
      const [row] = await db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
      expect(row!.expires.getTime()).toBeLessThanOrEqual(sessions.idleExpiry(row!.createdAt, new Date()).getTime());
      expect(row!.expires.getTime()).toBeGreaterThanOrEqual(sessions.idleExpiry(row!.createdAt, before).getTime());
      expect(updated).toMatchObject({ sessionToken, expires: row!.expires });
      // An earlier expiry is kept as asked.
      const soon = new Date(Date.now() + 60_000);
      await adapter.updateSession!({ sessionToken, expires: soon });
      expect((await db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id)))[0]!.expires).toEqual(
        soon,
      );
    });

    it("keeps at most AUTH_SESSIONS_PER_USER live sessions per person: a sign-in past it ends the least recently seen", async () => {
      const { client, env, schema, sessions, token } = modules;
      const user = await signUp();
      const db = await client.database();
      const signedIn = [];
      for (let index = 0; index < env.AUTH_SESSIONS_PER_USER; index++) signedIn.push(await startSession(user.id));
      const leastRecent = signedIn[3]!;
      // Cached here, so the cap must forget it too.
      expect(await sessions.findLiveSession(leastRecent.sessionToken)).not.toBeNull();
      const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
      await db
        .update(schema.sessions)
        .set({ lastSeenAt: minutesAgo(5) })
        .where(eq(schema.sessions.userId, user.id));
      await db
        .update(schema.sessions)
        .set({ lastSeenAt: minutesAgo(10) })
        .where(eq(schema.sessions.sessionToken, token.sessionTokenHash(leastRecent.sessionToken)));
      const newest = await startSession(user.id);
      expect(await sessions.listSessions(user.id)).toHaveLength(env.AUTH_SESSIONS_PER_USER);
      expect(await sessions.findLiveSession(leastRecent.sessionToken)).toBeNull();
      expect(await sessions.findLiveSession(newest.sessionToken)).not.toBeNull();
      for (const { sessionToken } of signedIn.filter((session) => session !== leastRecent))
        expect(await sessions.findLiveSession(sessionToken)).not.toBeNull();
    });

    it("never caches a session that ends while its lookup is in flight", async () => {
      const { cache, client, schema, sessions } = modules;
      const user = await signUp();
      const { sessionToken } = await startSession(user.id);
      const db = await client.database();
      const set = cache.set.bind(cache);
      // The session is ended (here: everywhere) between the lookup's answer and its caching.
      vi.spyOn(cache, "set").mockImplementationOnce((...args) => {
        cache.forgetUser(user.id);
        set(...args);
      });
      expect(await sessions.findLiveSession(sessionToken)).not.toBeNull();
      await db.delete(schema.sessions).where(eq(schema.sessions.userId, user.id));
      expect(await sessions.findLiveSession(sessionToken)).toBeNull();
    });

    it("sweeps expired sessions in bounded batches: one at sign-in, a bounded number on the timer", async () => {
      const { client, schema, sessions } = modules;
      const user = await signUp();
      const db = await client.database();
      const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
      await db.insert(schema.sessions).values(
        Array.from({ length: 450 }, (_, index) => ({
          sessionToken: `expired-${counter}-${index}`,
          id: `expired-${counter}-${index}`,
          userId: user.id,
          createdAt: longAgo,
          lastSeenAt: longAgo,
          expires: longAgo,
        })),
      );
      const count = async () =>
        (await db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id))).length;
      await startSession(user.id);
      expect(await count()).toBe(450 - 100 + 1);
      expect(await sessions.sweepExpiredSessions(new Date(), 2)).toBe(200);
      expect(await count()).toBe(150 + 1);
      expect(await sessions.sweepExpiredSessions(new Date(), 5)).toBe(150);
      expect(await count()).toBe(1);
    });
  });
}
