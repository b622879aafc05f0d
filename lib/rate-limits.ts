import { networkOf } from "./device";

/** What is limited: sign-in starts and callbacks per client network, account actions per session, RISC per source. */
export type LimitName = "sign-in" | "callback" | "account" | "risc";

/** So many requests in so many seconds; a setting of `off` is none. */
export interface Rate {
  points: number;
  seconds: number;
}

const ratePattern = /^([1-9]\d{0,6})\/([1-9]\d{0,6})$/;

/** `30/600` → 30 requests per 600 seconds; `off` → null; anything else → undefined (config/env.ts names the variable). */
export function parseRate(text: string): Rate | null | undefined {
  if (text.trim().toLowerCase() === "off") return null;
  const match = ratePattern.exec(text.trim());
  return match ? { points: Number(match[1]), seconds: Number(match[2]) } : undefined;
}

/**
 * The key a network's requests share: its /24 (IPv4) or /64 (IPv6), the least an attacker holds, so a few addresses
 * more buy nothing. Requests whose address is unknown share one key, rather than none.
 */
export function networkKey(address: string | null): string {
  return networkOf(address, 64) ?? "unknown";
}

/** When a refused request may try again, in whole seconds (Retry-After), at least one. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}
