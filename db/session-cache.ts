import "server-only";
import type { Session } from "next-auth";

export interface CachedSession {
  session: Session;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
}

/**
 * Remembers session lookups for one second: a burst of requests from one browser (a page, its prefetches) costs one
 * query. Anything that ends a session here forgets it at once, and a lookup still in flight then is not remembered;
 * another instance sharing PostgreSQL forgets it when the second is up, so a revoked session is refused everywhere
 * within one second.
 */
export function createSessionCache({ ttlMs = 1_000, maxEntries = 10_000 } = {}) {
  const entries = new Map<string, CachedSession & { cachedAt: number }>();
  // Moves on at every forget: a lookup that began before one may have read a session that has ended since.
  let generation = 0;
  return {
    ttlMs,
    /** Read before a lookup starts, handed to `set` with its answer. */
    get generation() {
      return generation;
    },
    get(tokenHash: string, now: number): CachedSession | undefined {
      const entry = entries.get(tokenHash);
      if (entry && now - entry.cachedAt < ttlMs) return entry;
      entries.delete(tokenHash);
      return undefined;
    },
    /** Remembers a lookup's answer, unless something was forgotten since the lookup began (`since`, a generation). */
    set(tokenHash: string, entry: CachedSession, now: number, since: number): void {
      if (since !== generation) return;
      // Bounded: the oldest entry goes first (a Map iterates in insertion order).
      if (!entries.has(tokenHash) && entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(tokenHash, { ...entry, cachedAt: now });
    },
    forgetToken(tokenHash: string): void {
      generation++;
      entries.delete(tokenHash);
    },
    forgetUser(userId: string): void {
      generation++;
      for (const [tokenHash, entry] of entries) if (entry.userId === userId) entries.delete(tokenHash);
    },
    get size() {
      return entries.size;
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;

// One per process, whichever route's bundle asks: a sign-out in a server action must be seen by the next page at once.
const globalCache = globalThis as typeof globalThis & { sessionLookupCache?: SessionCache };
export const sessionCache: SessionCache = (globalCache.sessionLookupCache ??= createSessionCache());
