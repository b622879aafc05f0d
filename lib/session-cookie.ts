/** Auth.js's session cookie names: `__Secure-` on https, and a `.0` suffix when a large session is split into chunks. */
const sessionCookieNames = [
  "authjs.session-token",
  "authjs.session-token.0",
  "__Secure-authjs.session-token",
  "__Secure-authjs.session-token.0",
];

/** Only says whether a session cookie is present, not whether it is valid: pages check validity with `auth()`. */
export function hasSessionCookie(cookies: { has(name: string): boolean }): boolean {
  return sessionCookieNames.some((name) => cookies.has(name));
}
