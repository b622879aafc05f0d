/**
 * Structured logs: one JSON line per event in production (for a log collector), one readable line in development.
 * No pino transport: transports run in worker threads, which Next's server bundles do not carry.
 */
import "server-only";
import { createHmac, hkdfSync, randomUUID } from "node:crypto";
import type { NextAuthConfig } from "next-auth";
import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino, { type Level } from "pino";
import PinoPretty from "pino-pretty";
import { commaList } from "../config/env-parse";

const production = process.env.NODE_ENV === "production";

/**
 * Development: `[12:00:00] INFO: sign in succeeded {"event":"sign_in_succeeded","user":"…"}` (UTC), written at once
 * by pino-pretty in this thread. Plain text, no colours, so a line can be grepped and pasted as it is.
 */
const readableLines = (fd: 1 | 2) =>
  PinoPretty({ sync: true, destination: fd, colorize: false, singleLine: true, translateTime: "UTC:HH:MM:ss" });

const level = process.env.LOG_LEVEL ?? "info";

/** The active span's ids on every line, so a log line leads to its trace (nothing without tracing). */
export function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

export const log = production
  ? pino(
      {
        level,
        base: { service: "nametag", pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: traceFields,
      },
      pino.destination({ sync: true }),
    )
  : // Warnings and worse go to stderr, the rest to stdout (`dedupe`: each line to the stream of the highest level it reaches).
    pino(
      { level, base: undefined, mixin: traceFields },
      pino.multistream(
        [
          { level: "trace", stream: readableLines(1) },
          { level: "warn", stream: readableLines(2) },
        ],
        { dedupe: true },
      ),
    );

/** `ada.lovelace@example.com` → `a***@example.com`: enough to tell accounts apart in a log, not to contact anyone. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

const referenceKeys = new Map<string, Buffer>();
/** A key of its own for references, derived from the secret (HKDF), so a reference says nothing about the secret. */
function referenceKey(secret: string): Buffer {
  let key = referenceKeys.get(secret);
  if (!key)
    referenceKeys.set(secret, (key = Buffer.from(hkdfSync("sha256", secret, "", "nametag log user reference", 32))));
  return key;
}

/**
 * A stable reference to an account (its provider subject), to follow one person's events: an HMAC under a key from
 * AUTH_SECRET, so someone who knows a Google `sub` cannot find that person's lines. The same while the first secret is.
 */
export function userReference(subject: string, secret: string): string {
  return createHmac("sha256", referenceKey(secret)).update(subject).digest("base64url").slice(0, 16);
}

// From process.env, as config/env.ts checked it at start: this module must load without lib/env, to log a bad environment.
const firstSecret = () => commaList(process.env.AUTH_SECRET)[0];

/** What identifies the person in a log line: the full address only in development, where it is your own test account. */
export function userFields(
  user: { id?: string | null; email?: string | null },
  maskEmails = production,
  secret = firstSecret(),
): Record<string, string> {
  return {
    ...(user.id && secret ? { user: userReference(user.id, secret) } : {}),
    ...(user.email ? { email: maskEmails ? maskEmail(user.email) : user.email } : {}),
  };
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** The proxy's X-Request-Id when it looks like one (nginx's 32 hex digits, Caddy's UUID); otherwise one of our own. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && requestIdPattern.test(given) ? given : randomUUID();
}

export function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  log[level]({ event, ...fields }, event.replaceAll("_", " "));
}

/** How long identical failures are counted, not written: an outage writes a line and a count per window, not a flood. */
export const repeatWindowMs = 10_000;
const repeats = new Map<string, { count: number }>();

/**
 * The first of identical events in a window is written; the rest are counted and summed up when the window closes
 * ("… and 412 more in the last 10 s"), so an outage hit by every request cannot fill the disk.
 */
export function logRepeated(level: Level, event: string, fields: Record<string, unknown>): void {
  const key = `${level} ${event} ${JSON.stringify(fields)}`;
  const seen = repeats.get(key);
  if (seen) {
    seen.count++;
    return;
  }
  logEvent(level, event, fields);
  const window = { count: 0 };
  repeats.set(key, window);
  setTimeout(() => {
    repeats.delete(key);
    if (window.count > 0)
      log[level](
        { event: `${event}_repeated`, ...fields, more: window.count, windowSeconds: repeatWindowMs / 1000 },
        `${event.replaceAll("_", " ")} … and ${window.count} more in the last ${repeatWindowMs / 1000} s`,
      );
  }, repeatWindowMs).unref();
}

/** The operator's events, typed, so every caller writes the same names (sign-in failures: server/sign-in-failure.ts). */
export const logEvents = {
  signInSucceeded: (user: { id?: string | null; email?: string | null }) =>
    logEvent("info", "sign_in_succeeded", userFields(user)),
  signedOut: (user: { id?: string | null; email?: string | null } | undefined) =>
    logEvent("info", "signed_out", user ? userFields(user) : {}),
  configError: (message: string) => logEvent("fatal", "config_error", { message }),
  requestError: (error: unknown, request: { path: string; method: string; requestId: string }) =>
    logEvent("error", "request_error", {
      ...request,
      errorClass: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message.split("\n")[0] : undefined,
      // The digest is what the visitor's error page can show: it ties their report to this line.
      digest: (error as { digest?: unknown }).digest,
    }),
  shutdown: (phase: "started" | "drained" | "drain_timed_out" | "closed", fields: Record<string, unknown> = {}) =>
    logEvent(phase === "drain_timed_out" ? "warn" : "info", `shutdown_${phase}`, fields),
};

/** Auth.js errors of the sign-in callback that are not of its `signIn` kind. */
const signInErrorTypes = new Set([
  "AccessDenied",
  "CallbackRouteError",
  "InvalidCheck",
  "OAuthAccountNotLinked",
  "AccountNotLinked",
  "Verification",
]);

/**
 * Whether an error Auth.js logs is a failed sign-in (`sign_in_failed`) or another refusal (`auth_error`: a sign-out
 * without its CSRF token, a configuration error). By type: class names are minified in the build.
 */
export function isSignInError(error: Error & { type?: string; kind?: string }): boolean {
  // MissingCSRF is of the signIn kind but guards sign-out as well: its message names the action.
  return (error.kind === "signIn" && error.type !== "MissingCSRF") || signInErrorTypes.has(error.type ?? "");
}

/** Auth.js `events`: after a completed sign-in and at sign-out (a JWT session hands over its token's claims). */
export const authEvents = {
  signIn: ({ user, profile }) => {
    logEvents.signInSucceeded({ id: profile?.sub ?? user.id, email: user.email });
  },
  signOut: (message) => {
    // Database sessions: the ended session names its user (db/adapter.ts returns it from deleteSession).
    const userId = "session" in message ? message.session?.userId : message.token?.sub;
    logEvents.signedOut(userId ? { id: userId } : undefined);
  },
} satisfies NextAuthConfig["events"];
