import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Compares two secrets in time that depends on neither (hashed first, so their lengths do not show either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether an Authorization header carries `token` as its bearer token (never, when there is no token to carry). */
export function bearerMatches(authorization: string | null, token: string | undefined): boolean {
  const bearer = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
  return token !== undefined && bearer !== undefined && sameSecret(bearer, token);
}

/** A random AUTH_SECRET, as `openssl rand -base64 33` makes one. */
export const newAuthSecret = () => randomBytes(33).toString("base64");
