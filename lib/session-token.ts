import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";

export interface SessionLifetime {
  /** Seconds without activity after which a session ends. */
  idleSeconds: number;
  /** Seconds after sign-in after which a session ends, however active. */
  maxSeconds: number;
}

/** Unix seconds when this token's session must end at the latest: the absolute cap from sign-in. */
function absoluteExpiry(token: Pick<JWT, "signedInAt">, lifetime: SessionLifetime): number {
  return token.signedInAt + lifetime.maxSeconds;
}

/** Whether a decrypted session token may still be used at `now` (unix seconds). */
export function isTokenAlive(token: JWT, lifetime: SessionLifetime, now: number): boolean {
  if (typeof token.signedInAt !== "number" || typeof token.sub !== "string" || typeof token.email !== "string") return false;
  if (typeof token.exp === "number" && token.exp <= now) return false;
  return now < absoluteExpiry(token, lifetime);
}

/** Seconds a token refreshed at `now` may live: the idle timeout, cut short by the absolute cap. */
export function refreshedMaxAge(token: Pick<JWT, "signedInAt">, lifetime: SessionLifetime, now: number): number {
  return Math.max(0, Math.min(lifetime.idleSeconds, absoluteExpiry(token, lifetime) - now));
}

/** The session the pages see, from the token inside the cookie. */
export function sessionFromToken(token: JWT): Session {
  return {
    user: {
      id: token.sub!,
      email: token.email!,
      name: token.name ?? token.email!,
      image: token.picture ?? null,
      emailVerified: token.emailVerified === true,
    },
    signedInAt: new Date(token.signedInAt * 1000).toISOString(),
    expires: new Date((token.exp ?? token.signedInAt) * 1000).toISOString(),
  };
}
