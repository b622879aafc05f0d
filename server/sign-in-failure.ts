import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { storeFailureReason } from "@/db/errors";
import { recordRefusedSignIn } from "@/db/security-events";
import type { SigningInDevice } from "@/lib/device";
import { signInErrorPath, signInProblem, type SignInErrorCode } from "@/lib/sign-in-problems";
import { logEvent, userFields } from "@/server/log";

/** A reference an operator can search the log for: 8 characters of RFC 4648 base32. */
export const referencePattern = /^[A-Z2-7]{8}$/;

const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function newReference(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  return Array.from({ length: 8 }, (_, index) => base32[Number((bits >> BigInt(35 - 5 * index)) & 31n)]).join("");
}

/**
 * What one Auth.js request has done so far: the last provider request, the reference once a failure is logged, and
 * whether a sign-out could not end its session (Auth.js clears the cookie all the same).
 */
export interface SignInTrace {
  providerRequest?: string;
  reference?: string;
  sessionNotEnded?: boolean;
}

const traces = new AsyncLocalStorage<SignInTrace>();

/** Runs `work` (an Auth.js request or our sign-in action) with its own trace, and hands back both. */
export async function traceSignIn<T>(work: () => Promise<T>): Promise<{ result: T; trace: SignInTrace }> {
  const trace: SignInTrace = {};
  const result = await traces.run(trace, work);
  return { result, trace };
}

/** Notes a provider request (method, URL without query, outcome), so a failure can say which one went wrong. */
export function noteProviderRequest(description: string): void {
  const trace = traces.getStore();
  if (trace) trace.providerRequest = description;
}

/** Auth.js could not delete the session at sign-out (it logs a SignOutError and carries on). */
export function noteSessionNotEnded(): void {
  const trace = traces.getStore();
  if (trace) trace.sessionNotEnded = true;
}

export interface SignInFailure {
  /** Which check or step failed, in words. */
  check: string;
  /** Auth.js's error type, when Auth.js raised it. */
  type?: string;
  cause?: unknown;
}

function describeCause(cause: unknown): string | undefined {
  // Not `String()`: an object that is not an Error would read `[object Object]`.
  if (!(cause instanceof Error))
    return cause === undefined
      ? undefined
      : typeof cause === "string"
        ? cause
        : inspect(cause, { breakLength: Infinity });
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
  return `${cause.message.split("\n")[0]}${inner}`;
}

/**
 * One log line per failed sign-in, with the reference the visitor's error page shows. Never the authorization code,
 * the state or a token: only what failed. (The single place to change when the log moves to a structured logger.)
 */
export function logSignInFailure(
  failure: SignInFailure,
  event: "sign_in_failed" | "auth_error" = "sign_in_failed",
): string {
  const trace = traces.getStore();
  const reference = trace?.reference ?? newReference();
  if (trace) trace.reference = reference;
  logEvent("warn", event, {
    reference,
    ...(failure.type && { errorClass: failure.type }),
    // Auth.js ends its messages with a link to its docs, and some are nothing else: the type says it better then.
    check: failure.check.replace(/\s*Read more at \S+$/, "") || failure.type || "unknown",
    ...(failure.cause !== undefined && { cause: describeCause(failure.cause) }),
    ...(trace?.providerRequest && { provider: trace.providerRequest }),
  });
  return reference;
}

/** Adds the trace's reference to a redirect to our error page, so the visitor can quote it. */
export function withReference(location: string, reference: string | undefined): string {
  if (!reference) return location;
  const url = new URL(location, "http://site.invalid");
  if (url.pathname !== "/signin/error" && url.pathname !== "/signin") return location;
  url.searchParams.set("ref", reference);
  return location.startsWith("/") ? `${url.pathname}${url.search}` : `${location.split("?")[0]}${url.search}`;
}

/** The reference from our error page's query, only when it has exactly the shape we issue. */
export function failureReference(value: string | string[] | undefined): string | undefined {
  const reference = Array.isArray(value) ? value[0] : value;
  return reference !== undefined && referencePattern.test(reference) ? reference : undefined;
}

/**
 * Refuses a sign-in for something about the account itself (its address, its domain, Google's report): one log line,
 * and an entry on that account's activity page, so its owner sees that someone tried. Returns our error page's path.
 */
export async function refuseSignIn(
  code: SignInErrorCode,
  check: string,
  account: { userId: string; device: SigningInDevice },
): Promise<string> {
  const reference = logSignInFailure({ check });
  const detail = `${signInProblem(code).title} (reference ${reference})`;
  // The refusal stands whether or not it could be written down.
  await recordRefusedSignIn(account.userId, account.device, detail).catch((error: unknown) =>
    logEvent("warn", "security_event_not_recorded", {
      ...userFields({ id: account.userId }),
      kind: "sign-in-refused",
      cause: storeFailureReason(error),
    }),
  );
  return signInErrorPath(code, reference);
}
