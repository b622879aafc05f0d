import { cookies, headers } from "next/headers";
import type { Session } from "next-auth";
import { decode } from "next-auth/jwt";
import { env, sessionLifetime } from "@/lib/env";
import { sessionCookieName, usesSecureCookies } from "@/lib/session-cookie";
import { isTokenAlive, sessionFromToken } from "@/lib/session-token";

/**
 * Reads the session straight from its cookie: one decryption and nothing else. Auth.js's `auth()` also re-encrypts
 * the token and builds a full request/response pair, which halves a page's throughput; a server component could not
 * store the renewed cookie anyway (middleware.ts renews it).
 */
export async function readSession(): Promise<Session | null> {
  const secure = usesSecureCookies((await headers()).get("x-forwarded-proto"));
  const name = sessionCookieName(secure);
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: env.AUTH_SECRET, salt: name });
    if (!payload || !isTokenAlive(payload, sessionLifetime, Math.floor(Date.now() / 1000))) return null;
    return sessionFromToken(payload);
  } catch {
    // Tampered, truncated, expired or signed with a retired secret: signed out.
    return null;
  }
}
