/**
 * The visitor's session, as pages, layouts, server actions and route handlers see it: which cookie a request uses,
 * reading it (one database lookup per request at most), requiring it, and clearing it. Auth.js writes the cookie at
 * sign-in (auth.ts); its own `auth()` reader is not used, because it would also try to rewrite the cookie, which a
 * server component cannot do, and it would look the session up again for every caller.
 */
import "server-only";
import type { Session } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/config/env";
import { findLiveSession } from "@/db/session-queries";
import { sessionCookieName, sessionCookieOptions, signInFlowCookieNames } from "@/lib/auth-cookies";
import { signInPath } from "@/lib/redirects";
import { inSpan } from "@/lib/spans";
import { isIssuedSessionToken } from "@/lib/session-token";

/** Same rule as Auth.js: AUTH_URL's scheme when set, otherwise the scheme the proxy reports (`__Host-` names then). */
export function usesSecureCookies(forwardedProto: string | null): boolean {
  if (env.AUTH_URL) return env.AUTH_URL.startsWith("https:");
  return forwardedProto?.split(",")[0]?.trim() === "https";
}

/** The page a visitor asked for, set by the middleware on every page request (over any a visitor sends). */
export const returnToHeader = "x-nametag-return-to";

async function sessionCookie() {
  const secure = usesSecureCookies((await headers()).get("x-forwarded-proto"));
  const name = sessionCookieName(secure);
  return { secure, name, token: (await cookies()).get(name)?.value };
}

/**
 * The visitor's live session, or null: one indexed lookup by the token's hash, and none at all for a cookie we did
 * not issue. Read once per request however many components ask.
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const { token } = await sessionCookie();
  if (!isIssuedSessionToken(token, env.AUTH_SECRET)) return null;
  return inSpan("session.lookup", () => findLiveSession(token));
});

/** The session of a signed-in page; a visitor without one goes through sign-in and comes back to the page asked for. */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(signInPath((await headers()).get(returnToHeader) ?? "/"));
  return session;
}

/**
 * Drops this browser's session cookie and what the sign-in left beside it; the session's row is ended by whoever
 * calls this (server actions and route handlers only: pages cannot set cookies).
 */
export async function clearSessionCookies(): Promise<void> {
  const { secure, name } = await sessionCookie();
  const jar = await cookies();
  for (const cookie of [name, ...signInFlowCookieNames(secure)])
    if (cookie === name || jar.has(cookie)) jar.set(cookie, "", { ...sessionCookieOptions(secure), maxAge: 0 });
}
