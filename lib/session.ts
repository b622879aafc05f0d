import { cookies, headers } from "next/headers";
import type { Session } from "next-auth";
import { findLiveSession } from "@/db/sessions";
import { env } from "@/lib/env";
import { sessionCookieName, sessionCookieOptions, signInFlowCookieNames, usesSecureCookies } from "@/lib/session-cookie";
import { isIssuedSessionToken } from "@/lib/session-token";

async function sessionCookie() {
  const secure = usesSecureCookies((await headers()).get("x-forwarded-proto"));
  return { secure, name: sessionCookieName(secure), token: (await cookies()).get(sessionCookieName(secure))?.value };
}

/**
 * The visitor's session: one indexed lookup by the token's hash, and nothing at all for a cookie we did not issue.
 * Auth.js's `auth()` would also rewrite the cookie, which a server component cannot do anyway.
 */
export async function readSession(): Promise<Session | null> {
  const { token } = await sessionCookie();
  if (!isIssuedSessionToken(token, env.AUTH_SECRET)) return null;
  return findLiveSession(token);
}

/**
 * Drops this browser's session cookie and what the sign-in left beside it (server actions and route handlers only:
 * pages cannot set cookies).
 */
export async function clearSessionCookie(): Promise<void> {
  const { secure, name } = await sessionCookie();
  const jar = await cookies();
  for (const cookie of [name, ...signInFlowCookieNames(secure)]) if (cookie === name || jar.has(cookie)) jar.set(cookie, "", { ...sessionCookieOptions(secure), maxAge: 0 });
}
