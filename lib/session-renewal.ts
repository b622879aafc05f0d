import { decode, encode } from "next-auth/jwt";
import { env, sessionLifetime as lifetime } from "@/lib/env";
import { sessionCookieName } from "@/lib/session-cookie";
import { isTokenAlive, refreshedMaxAge } from "@/lib/session-token";

export type Renewal =
  | { state: "not-due" }
  | { state: "renewed"; token: string; maxAge: number; renewAt: number }
  | { state: "ended" };

/** How often activity renews a session: often enough for the idle timeout to be exact to ~10%, rarely enough to be free. */
const renewIntervalSeconds = Math.max(1, Math.min(300, Math.floor(lifetime.idleSeconds / 10)));

/**
 * Renews the session cookie when its renew-at time has passed (or is unknown): decrypts it, checks it is still alive,
 * and re-encrypts it with the first secret and a fresh idle timeout, never past the absolute lifetime.
 */
export async function renewSession(token: string, renewAt: string | undefined, secure: boolean, now: number): Promise<Renewal> {
  if (renewAt && Number(renewAt) > now) return { state: "not-due" };
  const salt = sessionCookieName(secure);
  const payload = await decode({ token, secret: env.AUTH_SECRET, salt }).catch(() => null);
  if (!payload || !isTokenAlive(payload, lifetime, now)) return { state: "ended" };
  const maxAge = refreshedMaxAge(payload, lifetime, now);
  const { iat, exp, jti, ...claims } = payload; // encode() sets fresh ones
  const renewed = await encode({ token: claims, secret: env.AUTH_SECRET[0]!, salt, maxAge });
  return { state: "renewed", token: renewed, maxAge, renewAt: now + Math.min(renewIntervalSeconds, maxAge) };
}
