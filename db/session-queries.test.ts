import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// An embedded store of the tests' own, in a fresh folder: the same migrations and queries as the site's.
const folder = mkdtempSync(join(tmpdir(), "sessions-test-"));
vi.stubEnv("PGLITE_DIR", join(folder, "pglite"));
vi.stubEnv("DATABASE_URL", "");
vi.stubEnv("AUTH_SESSION_IDLE_SECONDS", "3600");
vi.stubEnv("AUTH_SESSION_MAX_SECONDS", "86400");

const { closeStore, database } = await import("./client");
const { accounts, sessions, users } = await import("./schema");
const { endSession, endSessions, findLiveSession, listSessions } = await import("./session-queries");
const { deleteUser } = await import("./user-queries");
const { newSessionId, newSessionToken, sessionTokenHash } = await import("@/lib/session-token");

const secret = "a-secret-that-is-long-enough-for-the-tests";
const minutes = (count: number) => count * 60_000;

async function addUser(id: string) {
  const db = await database();
  await db.insert(users).values({ id, email: `${id}@example.org`, name: id });
  await db.insert(accounts).values({ userId: id, type: "oidc", provider: "google", providerAccountId: id });
}

/** A session signed in `ageMinutes` ago; returns its cookie token and its id. */
async function addSession(userId: string, { ageMinutes = 0, expiresInMinutes = 60, browser = "Chrome 150" } = {}) {
  const token = newSessionToken(secret);
  const id = newSessionId();
  const now = Date.now();
  const createdAt = new Date(now - minutes(ageMinutes));
  await (await database()).insert(sessions).values({
    sessionToken: sessionTokenHash(token),
    id,
    userId,
    createdAt,
    lastSeenAt: createdAt,
    expires: new Date(now + minutes(expiresInMinutes)),
    browser,
    os: "Linux",
    network: "203.0.113.0/24",
  });
  return { token, id };
}

// A fresh data folder is created and migrated first: seconds, more on a busy machine.
beforeAll(() => database(), 60_000);

beforeEach(async () => {
  const db = await database();
  // eslint-disable-next-line drizzle/enforce-delete-with-where -- each test starts from no users at all.
  await db.delete(users);
  await addUser("ada");
  await addUser("grace");
});

afterAll(async () => {
  await closeStore();
  rmSync(folder, { recursive: true, force: true });
});

describe("findLiveSession", () => {
  it("finds the session a token stands for, with its id and user, and nothing for an unknown or expired token", async () => {
    const { token, id } = await addSession("ada");
    const expired = await addSession("ada", { expiresInMinutes: -1 });
    const found = await findLiveSession(token);
    expect(found).toMatchObject({ sessionId: id, user: { id: "ada", email: "ada@example.org" } });
    expect(JSON.stringify(found)).not.toContain(token);
    expect(await findLiveSession(newSessionToken(secret))).toBeNull();
    expect(await findLiveSession(expired.token)).toBeNull();
  });

  it("finds nothing once the session was ended or its user deleted", async () => {
    const ended = await addSession("ada");
    const orphaned = await addSession("grace");
    await endSession("ada", ended.id);
    await deleteUser("grace");
    expect(await findLiveSession(ended.token)).toBeNull();
    expect(await findLiveSession(orphaned.token)).toBeNull();
  });
});

describe("listSessions", () => {
  it("lists the person's live sessions only, most recently used first, without tokens", async () => {
    const older = await addSession("ada", { ageMinutes: 30, browser: "Firefox 140" });
    const newer = await addSession("ada", { ageMinutes: 5 });
    await addSession("ada", { expiresInMinutes: -1 });
    await addSession("grace");
    const listed = await listSessions("ada");
    expect(listed.map((session) => session.id)).toEqual([newer.id, older.id]);
    expect(listed[1]).toMatchObject({ browser: "Firefox 140", os: "Linux", network: "203.0.113.0/24" });
    expect(JSON.stringify(listed)).not.toContain(older.token.split(".")[0]);
  });
});

describe("ending sessions", () => {
  it("ends one of the person's own sessions, and nothing when given another person's session id", async () => {
    const ada = await addSession("ada");
    const grace = await addSession("grace");
    expect(await endSession("ada", grace.id)).toBe(false);
    expect(await findLiveSession(grace.token)).not.toBeNull();
    expect(await endSession("ada", ada.id)).toBe(true);
    expect(await endSession("ada", ada.id)).toBe(false);
    expect(await listSessions("ada")).toEqual([]);
  });

  it("ends every other session of the person, or all of them, and never another person's", async () => {
    const [here, phone, tablet] = [await addSession("ada"), await addSession("ada"), await addSession("ada")];
    const grace = await addSession("grace");
    expect(await endSessions("ada", here.id)).toBe(2);
    expect((await listSessions("ada")).map((session) => session.id)).toEqual([here.id]);
    expect(await findLiveSession(phone.token)).toBeNull();
    expect(await findLiveSession(tablet.token)).toBeNull();
    expect(await endSessions("ada")).toBe(1);
    expect(await listSessions("ada")).toEqual([]);
    expect(await findLiveSession(grace.token)).not.toBeNull();
  });
});

describe("deleteUser", () => {
  it("takes the person's sessions and linked accounts along, and leaves other people alone", async () => {
    await addSession("ada");
    const grace = await addSession("grace");
    const db = await database();
    await db
      .update(users)
      .set({ firstSignInAt: new Date("2025-01-01T00:00:00Z") })
      .where(eq(users.id, "ada"));
    await deleteUser("ada");
    expect((await db.select().from(users)).map((user) => user.id)).toEqual(["grace"]);
    expect((await db.select().from(accounts)).map((account) => account.userId)).toEqual(["grace"]);
    expect(await listSessions("ada")).toEqual([]);
    expect(await findLiveSession(grace.token)).not.toBeNull();
    // Signing in again makes a new user: a new first sign-in.
    await addUser("ada");
    const [again] = await db.select().from(users).where(eq(users.id, "ada"));
    expect(Date.now() - again!.firstSignInAt.getTime()).toBeLessThan(minutes(1));
  });
});
