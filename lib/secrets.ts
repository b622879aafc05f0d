import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Compares two secrets in time that depends on neither (hashed first, so their lengths do not show either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A random AUTH_SECRET, as `openssl rand -base64 33` makes one. */
export const newAuthSecret = () => randomBytes(33).toString("base64");
