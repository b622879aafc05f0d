/**
 * The database: one Postgres-dialect schema for the embedded store (PGlite) and PostgreSQL alike. Auth.js's drizzle
 * adapter reads and writes these tables through the property names it expects (`sessionToken`, `emailVerified`, …).
 * After a change: `npm run db:generate` writes the next migration into db/migrations (commit it).
 */
import type { AdapterAccountType } from "next-auth/adapters";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { SecurityEventKind } from "../lib/security-events";

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One row per Google account, keyed by Google's `sub`: an email address can change hands, a `sub` never does. */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name"),
  image: text("image"),
  /** When Google last vouched for the address (Auth.js's field); null if it never did. */
  emailVerified: moment("email_verified"),
  firstSignInAt: moment("first_sign_in_at").notNull().defaultNow(),
  lastSignInAt: moment("last_sign_in_at").notNull().defaultNow(),
  /** Set while Google reports the account hijacked (Cross-Account Protection): Google sign-in is refused until cleared. */
  googleSignInBlockedAt: moment("google_sign_in_blocked_at"),
});

/** Links a provider's account to a user. Google's tokens are never stored: nothing here can call Google. */
export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    // Required by the adapter's table shape; always null (see db/adapter.ts).
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (account) => [
    primaryKey({ columns: [account.provider, account.providerAccountId] }),
    index("accounts_user_id_idx").on(account.userId),
  ],
);

/** One row per signed-in browser. The cookie's token is never stored: only its SHA-256 (`sessionToken` to Auth.js). */
export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("token_hash").primaryKey(),
    /** Opaque id that names the session in pages and forms; it opens nothing. */
    id: text("id").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: moment("created_at").notNull().defaultNow(),
    lastSeenAt: moment("last_seen_at").notNull().defaultNow(),
    /** The idle timeout: pushed forward by activity, never past created_at + AUTH_SESSION_MAX_SECONDS. */
    expires: moment("expires").notNull(),
    browser: text("browser"),
    os: text("os"),
    /** The network the visitor came from, truncated (/24 or /48): enough to recognise a place, not a person. */
    network: text("network"),
    /** When the person last proved, at Google, that they are who the session says (sign-in or re-verification). */
    verifiedAt: moment("verified_at").notNull().defaultNow(),
  },
  (session) => [index("sessions_user_id_idx").on(session.userId), index("sessions_expires_idx").on(session.expires)],
);

/** What happened to an account, for the person's activity page: sign-ins, sign-outs, messages from Google, … */
export const securityEvents = pgTable(
  "security_events",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: moment("at").notNull().defaultNow(),
    kind: text("kind").$type<SecurityEventKind>().notNull(),
    /** The session the event is about (a sign-in, a sign-out), if any: it may have ended since. */
    sessionId: text("session_id"),
    browser: text("browser"),
    os: text("os"),
    network: text("network"),
    /** A short, non-secret detail: the Google event's reason, the refused sign-in's check, … */
    detail: text("detail"),
    /** A sign-in from a device this account had not used before: the other devices show a notice. */
    newDevice: boolean("new_device").notNull().default(false),
    /** When the person answered a new-device notice ("It was me" or "Sign it out"). */
    acknowledgedAt: moment("acknowledged_at"),
    /** Insertion order: events of one transaction share `at` (and the embedded store's clock counts milliseconds). */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
  },
  (event) => [index("security_events_user_id_at_idx").on(event.userId, event.at)],
);

/** Security Event Tokens already received from Google, by `jti`: a redelivery changes nothing. */
export const riscDeliveries = pgTable("risc_deliveries", {
  jti: text("jti").primaryKey(),
  receivedAt: moment("received_at").notNull().defaultNow(),
});

/** One row per instance, rewritten by each readiness check: proof that the store still takes writes. */
export const storeProbes = pgTable("store_probes", {
  instance: text("instance").primaryKey(),
  writtenAt: moment("written_at").notNull(),
});

/**
 * Rate-limit counters shared by every instance on PostgreSQL (rate-limiter-flexible's RateLimiterDrizzle reads these
 * property names); the embedded store's single process counts in memory instead.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: moment("expire"),
  },
  (limit) => [index("rate_limits_expire_idx").on(limit.expire)],
);
