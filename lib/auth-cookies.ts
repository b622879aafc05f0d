/*
 * The names and attributes of the site's cookies: data only, so next.config.ts, the middleware's matcher comments and
 * the tests read the same names as the server (server/session.ts decides which set a request uses).
 */

/** Auth.js's cookies, by the key its `cookies` option knows them under. */
const authCookies = {
  sessionToken: "session-token",
  callbackUrl: "callback-url",
  csrfToken: "csrf-token",
  pkceCodeVerifier: "pkce.code_verifier",
  state: "state",
  nonce: "nonce",
  webauthnChallenge: "challenge",
} as const;
type AuthCookie = keyof typeof authCookies;
const authCookieKeys = Object.keys(authCookies) as AuthCookie[];

/**
 * Every cookie of the site is `__Host-` on https: host-only, `Path=/` and `Secure`, so no sibling subdomain can plant
 * or overwrite one. A planted session is session fixation; planted state, PKCE and nonce cookies with the attacker's
 * callback URL are login CSRF, which signs the visitor in as the attacker (Auth.js gives them `__Secure-` names).
 */
function cookieName(secure: boolean, key: AuthCookie): string {
  return `${secure ? "__Host-" : ""}authjs.${authCookies[key]}`;
}

export const sessionCookieName = (secure: boolean) => cookieName(secure, "sessionToken");

/** Auth.js's `cookies` option: our names, the attributes below (Auth.js keeps its own lifetimes: 15 min for state and PKCE). */
export function authJsCookies(secure: boolean) {
  return Object.fromEntries(
    authCookieKeys.map((key) => [key, { name: cookieName(secure, key), options: sessionCookieOptions(secure) }]),
  ) as Record<AuthCookie, { name: string; options: ReturnType<typeof sessionCookieOptions> }>;
}

/** The sign-in's cookies that outlive it (Auth.js deletes state, PKCE and nonce at the callback): they go with the session at sign-out. */
export function signInFlowCookieNames(secure: boolean): string[] {
  return [cookieName(secure, "csrfToken"), cookieName(secure, "callbackUrl")];
}

/** The attributes every cookie of ours carries, set and cleared alike (a `__Host-` cookie needs them even to clear). */
export const sessionCookieOptions = (secure: boolean) =>
  ({ httpOnly: true, sameSite: "lax", path: "/", secure }) as const;
