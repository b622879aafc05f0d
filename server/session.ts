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
import { answerUnavailable, fromStore, isStoreUnavailable } from "./store-outage";

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
 * not issue. Read once per request however many components ask. A StoreUnavailableError when the store cannot answer.
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const { token } = await sessionCookie();
  if (!isIssuedSessionToken(token, env.AUTH_SECRET)) return null;
  return inSpan("session.lookup", () => fromStore("session lookup", () => findLiveSession(token)));
});

/**
 * The session of a signed-in page; a visitor without one goes through sign-in and comes back to the page asked for.
 * When the store cannot answer, the request is answered with a 503 and the error goes on to the signed-in layout.
 */
export async function requireSession(): Promise<Session> {
  const session = await getSession().catch(async (error: unknown) => {
    if (isStoreUnavailable(error)) answerUnavailable(await headers());
    throw error;
  });
  if (!session) redirect(signInPath((await headers()).get(returnToHeader) ?? "/"));
  return session;
}

/** The session, or "unavailable" when the store cannot answer (the page then shows the outage, with a 503). */
export async function requireSessionOrOutage(): Promise<Session | "unavailable"> {
  try {
    return await requireSession();
  } catch (error) {
    if (isStoreUnavailable(error)) return "unavailable";
    throw error;
  }
}

/**
 * Store work a signed-in page needs besides its session (the device list, the activity, the new-device notice): when
 * the store cannot answer, the request is answered with a 503 as for the session itself, and the error goes on.
 */
export async function pageData<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await fromStore(what, work);
  } catch (error) {
    if (isStoreUnavailable(error)) answerUnavailable(await headers());
    throw error;
  }
}

/** The session of a page anyone may see: a visitor is shown as signed out while the store cannot answer. */
export async function sessionOrSignedOut(): Promise<Session | null> {
  return getSession().catch((error: unknown) => {
    if (isStoreUnavailable(error)) return null;
    throw error;
  });
}

/** The raw session token of this browser, for ending its session. */
export async function sessionTokenOfThisBrowser(): Promise<string | undefined> {
  const { token } = await sessionCookie();
  return isIssuedSessionToken(token, env.AUTH_SECRET) ? token : undefined;
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
