import type { Session } from "next-auth";
import { describe, expect, it } from "vitest";
import { createSessionCache, type CachedSession } from "./session-cache";

const entry = (userId: string): CachedSession => ({
  userId,
  createdAt: new Date(0),
  lastSeenAt: new Date(0),
  expires: new Date(0),
  session: {
    sessionId: "s",
    signedInAt: "",
    verifiedAt: "",
    hasNewDeviceNotice: false,
    expires: "",
    user: { id: userId, email: "", name: "", image: null, emailVerified: true },
  } satisfies Session,
});

describe("the session lookup cache", () => {
  it("answers for less than its time to live, then asks again", () => {
    const cache = createSessionCache({ ttlMs: 1_000 });
    cache.set("hash", entry("ada"), 10_000, cache.generation);
    expect(cache.get("hash", 10_999)?.userId).toBe("ada");
    expect(cache.get("hash", 11_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgets a token, or every session of a person, at once", () => {
    const cache = createSessionCache();
    cache.set("ada-1", entry("ada"), 0, cache.generation);
    cache.set("ada-2", entry("ada"), 0, cache.generation);
    cache.set("grace", entry("grace"), 0, cache.generation);
    cache.forgetToken("ada-1");
    expect(cache.get("ada-1", 0)).toBeUndefined();
    cache.forgetUser("ada");
    expect(cache.get("ada-2", 0)).toBeUndefined();
    expect(cache.get("grace", 0)?.userId).toBe("grace");
  });

  it("holds a bounded number of sessions, dropping the oldest", () => {
    const cache = createSessionCache({ maxEntries: 2 });
    cache.set("a", entry("a"), 0, cache.generation);
    cache.set("b", entry("b"), 0, cache.generation);
    cache.set("c", entry("c"), 0, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get("a", 0)).toBeUndefined();
    expect(cache.get("c", 0)?.userId).toBe("c");
  });

  it("never caches a lookup that began before a session was forgotten: an ended session cannot come back", () => {
    const cache = createSessionCache();
    // A lookup starts, the session is ended (by token, or all the person's), then the lookup's answer arrives.
    const beforeToken = cache.generation;
    cache.forgetToken("ada-1");
    cache.set("ada-1", entry("ada"), 0, beforeToken);
    expect(cache.get("ada-1", 0)).toBeUndefined();
    const beforeUser = cache.generation;
    cache.forgetUser("ada");
    cache.set("ada-2", entry("ada"), 0, beforeUser);
    expect(cache.get("ada-2", 0)).toBeUndefined();
    // A lookup that began after both is cached as usual.
    cache.set("ada-3", entry("ada"), 0, cache.generation);
    expect(cache.get("ada-3", 0)?.userId).toBe("ada");
  });
});
