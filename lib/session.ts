import { cookies, headers } from "next/headers";
import type { Session } from "next-auth";
import { env, sessionLifetime } from "@/lib/env";
import { sessionCookieName, usesSecureCookies } from "@/lib/session-cookie";
import { createSessionDecryptor } from "@/lib/session-decryptor";
import { isTokenAlive, sessionFromToken } from "@/lib/session-token";

const decryptSession = createSessionDecryptor({ secret: env.AUTH_SECRET });

/**
 * Reads the session straight from its cookie: one decryption per cookie value (lib/session-decryptor.ts), nothing
 * else. Auth.js's `auth()` also re-encrypts the token and builds a full request/response pair, which halves a page's
 * throughput; a server component could not store the renewed cookie anyway (middleware.ts renews it).
 */
export async function readSession(): Promise<Session | null> {
  const secure = usesSecureCookies((await headers()).get("x-forwarded-proto"));
  const name = sessionCookieName(secure);
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  // Tampered, truncated or signed with a retired secret: null, signed out.
  const payload = await decryptSession(token, name);
  if (!payload || !isTokenAlive(payload, sessionLifetime, Math.floor(Date.now() / 1000))) return null;
  return sessionFromToken(payload);
}
