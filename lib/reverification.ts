/** Re-verification before deleting the account: the pure checks (the flow is in server/reverification.ts). */

/** How old a re-verification's ID token may be: it must have been issued for this very round trip. */
export const freshTokenSeconds = 60;

/** Whether a session's last verified sign-in is recent enough for a destructive action. */
export function isRecentlyVerified(verifiedAt: Date, now: Date, windowSeconds: number): boolean {
  return now.getTime() - verifiedAt.getTime() <= windowSeconds * 1000;
}

/** The claims of a (signature-checked) ID token this module reads. */
export interface ReverifyClaims {
  sub?: unknown;
  iat?: unknown;
  auth_time?: unknown;
}

/**
 * Why an ID token coming back from a re-verification does not prove the session's owner just signed in again, in
 * words, or undefined when it does: the same Google account, a token issued within the last minute, and, when Google
 * says when the person last authenticated, within the window.
 */
export function reverificationProblem(
  claims: ReverifyClaims,
  { userId, now, windowSeconds }: { userId: string; now: number; windowSeconds: number },
): string | undefined {
  if (claims.sub !== userId) return "a different Google account came back";
  if (typeof claims.iat !== "number") return "ID token without a numeric iat";
  if (now - claims.iat > freshTokenSeconds)
    return `ID token issued ${now - claims.iat} s ago (allowed ${freshTokenSeconds} s)`;
  if (claims.auth_time !== undefined) {
    if (typeof claims.auth_time !== "number") return "ID token auth_time is not a number";
    if (now - claims.auth_time > windowSeconds)
      return `Google last authenticated the person ${now - claims.auth_time} s ago (allowed ${windowSeconds} s)`;
  }
  return undefined;
}
