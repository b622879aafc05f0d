import { env } from "@/lib/env";

/**
 * The session cookie: `__Host-` on https, so it is host-only, `Path=/` and `Secure`, and no sibling subdomain can
 * plant or overwrite one (login CSRF, session fixation).
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-authjs.session-token" : "authjs.session-token";
}

/** Auth.js's sign-in flow cookies (its default names): they go with the session at sign-out. */
export function signInFlowCookieNames(secure: boolean): string[] {
  return secure ? ["__Host-authjs.csrf-token", "__Secure-authjs.callback-url"] : ["authjs.csrf-token", "authjs.callback-url"];
}

/** Same rule as Auth.js: AUTH_URL's scheme when set, otherwise the scheme the proxy reports. */
export function usesSecureCookies(forwardedProto: string | null): boolean {
  if (env.AUTH_URL) return env.AUTH_URL.startsWith("https:");
  return forwardedProto?.split(",")[0]?.trim() === "https";
}

/** The attributes every session cookie carries, set and cleared alike (a `__Host-` cookie needs them even to clear). */
export const sessionCookieOptions = (secure: boolean) => ({ httpOnly: true, sameSite: "lax", path: "/", secure }) as const;
