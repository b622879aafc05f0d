import { createHash, timingSafeEqual } from "node:crypto";

/** Compares two secrets in time that depends on neither (hashed first, so their lengths do not show either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
