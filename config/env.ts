import proxyaddr from "proxy-addr";
import { z } from "zod";
import { defaultIssuer } from "../lib/google";
import { isLoopbackHost, isLoopbackUrl } from "../lib/loopback";
import { parseRate } from "../lib/rate-limits";
import { commaList, EnvError, parseWith } from "./env-parse";

export { isLoopbackUrl };

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A rate limit: `requests/seconds` (`30/600`), or `off`. */
const rate = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseRate(value || fallback);
      if (parsed === undefined)
        ctx.addIssue({ code: "custom", message: "must be requests/seconds (like 30/600) or off" });
      return parsed ?? null;
    });

/** The database's variables: part of the site's environment, and read alone by tools that run without its secrets. */
const databaseFields = {
  /** PostgreSQL for sessions and accounts; unset: the embedded store (PGlite) in PGLITE_DIR, for one process. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** The longest a PostgreSQL statement or connection attempt may take: a stuck server costs seconds, not minutes. */
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
};

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Comma-separated; the first signs new sessions, the others still open old ones (rotation). */
    AUTH_SECRET: z.string().optional().transform(commaList),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_GOOGLE_HD: z
      .string()
      .optional()
      .transform(
        (value) =>
          value
            ?.split(",")
            .map((domain) => domain.trim().toLowerCase())
            .filter(Boolean) ?? [],
      ),
    AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_TRUST_HOST: flag,
    AUTH_ALLOW_LOCAL_ISSUER: flag,
    /** Next's server-action key (AES, base64): the same on every instance; unset, each build's own key is used. */
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
      .string()
      .optional()
      .refine(
        (value) => value === undefined || [16, 24, 32].includes(Buffer.from(value, "base64").length),
        "must be 16, 24 or 32 bytes in base64 (`openssl rand -base64 32`)",
      ),
    /** Proxies whose X-Forwarded-For is believed (proxy-addr's vocabulary); unset: loopback with AUTH_TRUST_HOST, else none. */
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value) => (value === undefined ? undefined : commaList(value)))
      .superRefine((entries, ctx) => {
        for (const entry of entries ?? []) {
          try {
            proxyaddr.compile([entry]);
          } catch (error) {
            ctx.addIssue({
              code: "custom",
              message: `${(error as Error).message} (use loopback, linklocal, uniquelocal, addresses or CIDRs, comma-separated)`,
            });
          }
        }
      }),
    /** Lets a probe from elsewhere read readiness's checks (`Authorization: Bearer <token>`). */
    HEALTH_TOKEN: z.string().min(32, "must be at least 32 characters (openssl rand -base64 33)").optional(),
    /** Turns /api/metrics on, for a scraper that sends it as `Authorization: Bearer <token>`. */
    METRICS_TOKEN: z.string().min(32, "must be at least 32 characters (openssl rand -base64 33)").optional(),
    /** Where traces go over OTLP (the collector's base URL, `/v1/traces` is added); unset: no tracing at all. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: z
      .enum(["http/protobuf", "http/json"], { error: "must be http/protobuf or http/json (gRPC is not supported)" })
      .default("http/protobuf"),
    OTEL_SERVICE_NAME: z.string().min(1).default("nametag"),
    AUTH_SESSION_IDLE_SECONDS: seconds(60 * 60 * 24),
    AUTH_SESSION_MAX_SECONDS: seconds(60 * 60 * 24 * 7),
    /** A sign-in past this many live sessions of one person ends the least recently seen. */
    AUTH_SESSIONS_PER_USER: z.coerce.number().int().positive().default(20),
    /** How recent a sign-in deleting the account needs; older, the person signs in with Google again. */
    AUTH_REVERIFY_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
    /** How long the activity page keeps an entry, and how many a person keeps at most (the sweep trims the rest). */
    SECURITY_EVENTS_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
    SECURITY_EVENTS_PER_USER: z.coerce.number().int().positive().default(200),
    /** Where new-device notices are mailed from (smtp:// or smtps://, credentials in the URL); unset: no mail. */
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL (smtp://user:password@host:587)" })
      .optional(),
    /** The sender of those mails: `Nametag <security@example.com>` or a bare address. */
    SMTP_FROM: z
      .string()
      .regex(/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, "must be an address, or `Name <address>`")
      .optional(),
    /** Sign-in starts per client network (/24, /64): an office shares one, so generous. */
    RATE_LIMIT_SIGN_IN: rate("30/600"),
    /** Returns from Google (`/api/auth/callback/google`) per client network: each costs a token call and writes. */
    RATE_LIMIT_CALLBACK: rate("30/600"),
    /** Account actions (sign out a device, everywhere, delete) per session. */
    RATE_LIMIT_ACCOUNT: rate("30/60"),
    /** Security Event Tokens per source network at the RISC receiver. */
    RATE_LIMIT_RISC: rate("120/60"),
    ...databaseFields,
  })
  .superRefine((env, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (env.AUTH_GOOGLE_ID && !env.AUTH_GOOGLE_SECRET)
      problem("AUTH_GOOGLE_SECRET", "is required when AUTH_GOOGLE_ID is set");
    if (env.SMTP_URL && !env.SMTP_FROM) problem("SMTP_FROM", "is required when SMTP_URL is set (the sender's address)");
    if (env.AUTH_SESSION_MAX_SECONDS < env.AUTH_SESSION_IDLE_SECONDS)
      problem("AUTH_SESSION_MAX_SECONDS", "must be at least AUTH_SESSION_IDLE_SECONDS");
    if (env.NODE_ENV !== "production") return;
    if (env.AUTH_SECRET.length === 0)
      problem(
        "AUTH_SECRET",
        "is required in production (generate one with `npx auth secret` or `openssl rand -base64 33`)",
      );
    for (const secret of env.AUTH_SECRET)
      if (secret.length < 32) problem("AUTH_SECRET", "each secret must be at least 32 characters");
    if (!env.AUTH_GOOGLE_ID)
      problem("AUTH_GOOGLE_ID", "is required in production (or start with `npm start`, which runs the local stand-in)");
    if (!env.AUTH_URL && !env.AUTH_TRUST_HOST)
      problem(
        "AUTH_URL",
        "or AUTH_TRUST_HOST=true is required in production: set AUTH_URL to the site's public address (AUTH_TRUST_HOST=true only behind a proxy that sets X-Forwarded-Host)",
      );
    if (env.AUTH_GOOGLE_ISSUER && !env.AUTH_ALLOW_LOCAL_ISSUER) {
      const issuer = new URL(env.AUTH_GOOGLE_ISSUER);
      if (issuer.protocol !== "https:" || isLoopbackHost(issuer.hostname))
        problem(
          "AUTH_GOOGLE_ISSUER",
          "must be a public https: issuer in production; set AUTH_ALLOW_LOCAL_ISSUER=true only for a local stand-in",
        );
    }
  });

export type Env = z.output<typeof schema>;

export { EnvError };

/** Reads and checks the environment; throws an EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  return parseWith(schema, source);
}

/** The database's variables alone (`npm run db:migrate` needs no secrets). */
export function parseDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseWith(z.object(databaseFields), source);
}

/** True when the configured issuer is the local stand-in (or any loopback provider). */
export function usesLocalIssuer(env: Pick<Env, "AUTH_GOOGLE_ISSUER">): boolean {
  return env.AUTH_GOOGLE_ISSUER !== undefined && isLoopbackUrl(env.AUTH_GOOGLE_ISSUER);
}

// `next build` runs with NODE_ENV=production but without deployment secrets; it is checked again at start.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

export const env: Env = parseEnv(isBuild ? { ...process.env, NODE_ENV: "development" } : process.env);

/**
 * Decided when the server starts, never baked into a build (one build serves the stand-in and Google alike):
 * prerendered pages are rendered at build time and so see neither; lib/home-twins.ts serves `/` accordingly.
 */
export const demoMode = !isBuild && usesLocalIssuer(env);
/** The public origin for absolute links (social previews), from AUTH_URL at run time; unknown while building. */
export const publicOrigin: URL | undefined =
  !isBuild && env.AUTH_URL ? new URL(new URL(env.AUTH_URL).origin) : undefined;
// Auth.js reads AUTH_TRUST_HOST itself and takes any non-empty value, `false` included, as true: leave it our value.
if (env.AUTH_TRUST_HOST) process.env.AUTH_TRUST_HOST = "true";
else delete process.env.AUTH_TRUST_HOST;

/** Behind a proxy (AUTH_TRUST_HOST=true) it is on this host unless TRUSTED_PROXIES says where; otherwise nobody forwards. */
export function trustedProxiesOf(env: Pick<Env, "TRUSTED_PROXIES" | "AUTH_TRUST_HOST">): string[] {
  return env.TRUSTED_PROXIES ?? (env.AUTH_TRUST_HOST ? ["loopback"] : []);
}

/** Whose X-Forwarded-For the server believes (server/client-address.ts applies it). */
export const trustedProxies = trustedProxiesOf(env);

/**
 * Whether the request's own Host (or a proxy's X-Forwarded-Host) names the site: with AUTH_URL, Auth.js builds every
 * URL from it and the Host only picks the cookies' scheme; without it, only behind a proxy that says so.
 */
export const trustHost = env.AUTH_TRUST_HOST || env.AUTH_URL !== undefined;

/** No AUTH_URL, behind a trusted proxy: the site's origin is whatever the request (the proxy) says, per request. */
export const originFromRequest = env.AUTH_TRUST_HOST && env.AUTH_URL === undefined;

/** The OpenID provider: the stand-in or any provider when configured, Google itself otherwise. */
export const issuer = env.AUTH_GOOGLE_ISSUER ?? defaultIssuer;
/** Where the sign-in form sends the browser and the avatars come from. */
export const issuerOrigin = new URL(issuer).origin;

export const sessionLifetime = { idleSeconds: env.AUTH_SESSION_IDLE_SECONDS, maxSeconds: env.AUTH_SESSION_MAX_SECONDS };
export const reverifySeconds = env.AUTH_REVERIFY_SECONDS;
