/**
 * Re-verification: a sign-in with Google that proves the session's owner is still at the keyboard, instead of starting
 * a session. A short-lived encrypted cookie marks the round trip; auth.ts's signIn callback finishes it here.
 */
import "server-only";
import { createHash } from "node:crypto";
import { EncryptJWT, decodeJwt, jwtDecrypt } from "jose";
import { cookies, headers } from "next/headers";
import { env, reverifySeconds } from "@/config/env";
import { recordSecurityEvent } from "@/db/security-events";
import { rotateVerifiedSession } from "@/db/session-queries";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth-cookies";
import { reverificationProblem } from "@/lib/reverification";
import { newSessionToken } from "@/lib/session-token";
import { logSignInFailure } from "@/server/sign-in-failure";
import { usesSecureCookies } from "@/server/session";

/** As long as Auth.js keeps the state and PKCE cookies of the same round trip. */
const markerSeconds = 15 * 60;
const markerName = (secure: boolean) => `${secure ? "__Host-" : ""}nametag.reverify`;
const markerKey = () =>
  createHash("sha256")
    .update(`nametag.reverify:${env.AUTH_SECRET[0] ?? ""}`)
    .digest();

/** Where a re-verification lands: the delete page, saying how it went. */
const reverifyLanding = { done: "/account/delete?reverify=done", refused: "/account/delete?reverify=refused" };

async function secureRequest(): Promise<boolean> {
  return usesSecureCookies((await headers()).get("x-forwarded-proto"));
}

/** Marks this browser's next Google sign-in as a re-verification of this session (a server action calls it). */
export async function markReverification(userId: string, sessionId: string): Promise<void> {
  const secure = await secureRequest();
  const marker = await new EncryptJWT({ sessionId })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${markerSeconds}s`)
    .encrypt(markerKey());
  (await cookies()).set(markerName(secure), marker, { ...sessionCookieOptions(secure), maxAge: markerSeconds });
}

/**
 * Inside the signIn callback: undefined for an ordinary sign-in; for a re-verification, where to send the person (no
 * new session either way). The same Google account, freshly signed in: this session's token is rotated.
 */
export async function finishReverification(idToken: string | undefined): Promise<string | undefined> {
  const secure = await secureRequest();
  const jar = await cookies();
  const marker = jar.get(markerName(secure))?.value;
  if (!marker) return undefined;
  jar.set(markerName(secure), "", { ...sessionCookieOptions(secure), maxAge: 0 });
  let userId: string, sessionId: string;
  try {
    const { payload } = await jwtDecrypt(marker, markerKey());
    if (typeof payload.sub !== "string" || typeof payload.sessionId !== "string") throw new Error("incomplete");
    ({ sub: userId, sessionId } = payload as { sub: string; sessionId: string });
  } catch {
    // An expired or forged marker: an ordinary sign-in must not turn into a refusal for it.
    return undefined;
  }
  const now = new Date();
  const problem = idToken
    ? reverificationProblem(decodeJwt(idToken), {
        userId,
        now: Math.floor(now.getTime() / 1000),
        windowSeconds: reverifySeconds,
      })
    : "no ID token in the token response";
  if (problem) {
    logSignInFailure({ check: `re-verification: ${problem}` });
    await recordSecurityEvent(userId, "sign-in-refused", { sessionId, detail: `re-verification: ${problem}` });
    return reverifyLanding.refused;
  }
  const token = newSessionToken(env.AUTH_SECRET[0]!);
  const expires = await rotateVerifiedSession(userId, sessionId, token, now);
  if (!expires) return reverifyLanding.refused;
  jar.set(sessionCookieName(secure), token, { ...sessionCookieOptions(secure), expires });
  await recordSecurityEvent(userId, "reverified", { sessionId });
  return reverifyLanding.done;
}
