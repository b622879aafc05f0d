/**
 * Rate limits (rate-limiter-flexible): counted in memory for the embedded store's single process, in the database's
 * rate_limits table on PostgreSQL so that every instance shares them. A store that fails lets requests through: a
 * limiter must never be why the site answers 500.
 */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/config/env";
import { database } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { authPagesPolicy } from "@/lib/csp";
import { networkKey, retryAfterSeconds, type LimitName, type Rate } from "@/lib/rate-limits";
import { logEvent } from "./log";
import { countRateLimited } from "./metrics";
import { requestClientAddress } from "./request-address";

export type Verdict = { refused: false } | { refused: true; retryAfter: number };

const allowed: Verdict = { refused: false };

const rates: Record<LimitName, Rate | null> = {
  "sign-in": env.RATE_LIMIT_SIGN_IN,
  callback: env.RATE_LIMIT_CALLBACK,
  account: env.RATE_LIMIT_ACCOUNT,
  risc: env.RATE_LIMIT_RISC,
};

// On globalThis: server actions and route handlers are separate bundles, and must count in the same memory.
const limitersKey = Symbol.for("nametag.rate-limiters");
const shared = globalThis as { [limitersKey]?: Map<LimitName, Promise<RateLimiterAbstract>> };

async function makeLimiter(name: LimitName, { points, seconds }: Rate): Promise<RateLimiterAbstract> {
  const options = { keyPrefix: name, points, duration: seconds };
  if (!env.DATABASE_URL) return new RateLimiterMemory(options);
  return new RateLimiterDrizzle({ ...options, storeClient: await database(), schema: rateLimits });
}

function limiter(name: LimitName, rate: Rate): Promise<RateLimiterAbstract> {
  const limiters = (shared[limitersKey] ??= new Map<LimitName, Promise<RateLimiterAbstract>>());
  let made = limiters.get(name);
  if (!made) {
    made = makeLimiter(name, rate);
    limiters.set(name, made);
    // A store that could not open is tried again on the next request.
    made.catch(() => limiters.delete(name));
  }
  return made;
}

function storeFailed(name: LimitName, error: unknown): Verdict {
  logEvent("warn", "rate_limit_store_failed", {
    limit: name,
    message: error instanceof Error ? error.message.split("\n")[0] : String(error),
  });
  return allowed;
}

/** Counts one request against `name`'s limit for `key`: refused past the limit, let through if the store fails. */
async function consumeLimit(name: LimitName, key: string): Promise<Verdict> {
  const rate = rates[name];
  if (!rate) return allowed;
  try {
    await (await limiter(name, rate)).consume(key);
    return allowed;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) return storeFailed(name, error);
    countRateLimited(name.replace("-", "_"));
    // One line per key and window, not one per refused request: a flood must not flood the log too.
    if (error.consumedPoints === rate.points + 1) logEvent("warn", "rate_limited", { limit: name, key });
    return { refused: true, retryAfter: retryAfterSeconds(error.msBeforeNext) };
  }
}

/** Whether `key` is over `name`'s limit now, without counting a request. */
export async function limitStanding(name: LimitName, key: string): Promise<Verdict> {
  const rate = rates[name];
  if (!rate) return allowed;
  try {
    const state = await (await limiter(name, rate)).get(key);
    return state && state.consumedPoints > rate.points
      ? { refused: true, retryAfter: retryAfterSeconds(state.msBeforeNext) }
      : allowed;
  } catch (error) {
    return storeFailed(name, error);
  }
}

/** The key of the request's client network (the address as the trusted-proxy rule resolved it). */
export const requestNetworkKey = (headers: Pick<Headers, "get">): string => networkKey(requestClientAddress(headers));

/**
 * For the RISC receiver: one Security Event Token from `address` (the client address of its request), per source
 * network. A refusal answers with `tooManyRequests(verdict.retryAfter)`.
 */
export const limitRiscSource = (address: string | null): Promise<Verdict> => consumeLimit("risc", networkKey(address));

const page = (retryAfter: number) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Too many requests · Nametag</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}</style>
</head>
<body>
<main>
<h1>Too many requests</h1>
<p>This network has made more requests than we answer in a short time. Please wait ${retryAfter === 1 ? "a second" : `${retryAfter} seconds`} and try again.</p>
<p><a href="/">Back to the home page</a></p>
</main>
</body>
</html>
`;

/** 429 with Retry-After and a page that reads without JavaScript. */
export function tooManyRequests(retryAfter: number): Response {
  return new Response(page(retryAfter), {
    status: 429,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "retry-after": String(retryAfter),
      "cache-control": "private, no-store",
      "content-security-policy": authPagesPolicy,
    },
  });
}

/** A route handler's answer within `name`'s limit for the request's client network; past it, 429. */
export async function withinNetworkLimit(
  name: "sign-in" | "callback",
  request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  const verdict = await consumeLimit(name, requestNetworkKey(request.headers));
  return verdict.refused ? tooManyRequests(verdict.retryAfter) : handle();
}

/** Where a refused server action sends the browser: a server action cannot answer 429 itself. */
const rateLimitedPath = (name: "sign-in" | "account") => `/api/rate-limited?limit=${name}`;

/**
 * In a server action: counts the request (per client network for sign-in starts, per session for account actions);
 * past the limit, the browser goes to the 429 page, which answers so only while the limit holds.
 */
export async function limitAction(name: "sign-in" | "account", sessionId?: string): Promise<void> {
  const verdict = await consumeLimit(name, sessionId ?? requestNetworkKey(await headers()));
  if (verdict.refused) redirect(rateLimitedPath(name));
}
