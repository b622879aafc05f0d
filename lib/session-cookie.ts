import { env } from "@/lib/env";

/** Auth.js's session cookie; `__Secure-` on https. Our sessions stay far below the 4 KB at which Auth.js splits it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Holds the time after which middleware renews the session: readable without decrypting the session itself. */
export function renewCookieName(secure: boolean): string {
  return secure ? "__Secure-authjs.session-renew-at" : "authjs.session-renew-at";
}

/** Same rule as Auth.js: AUTH_URL's scheme when set, otherwise the scheme the proxy reports. */
export function usesSecureCookies(forwardedProto: string | null): boolean {
  if (env.AUTH_URL) return env.AUTH_URL.startsWith("https:");
  return forwardedProto?.split(",")[0]?.trim() === "https";
}
