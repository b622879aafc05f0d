import { standInClient } from "../google-stand-in/client";

/** The environment of a site the tests and the benchmark start: every variable explicit, the stand-in's client. */

/** The settings `npm start` gives a server in demo mode, for servers started without it. */
export function standInSettings(standIn: { issuer: string }): Record<string, string> {
  return {
    AUTH_GOOGLE_ID: standInClient.clientId,
    AUTH_GOOGLE_SECRET: standInClient.clientSecret,
    AUTH_GOOGLE_ISSUER: standIn.issuer,
    AUTH_ALLOW_LOCAL_ISSUER: "true",
  };
}

export const testSecret = "e2e-secret-that-is-long-enough-for-production-use";

export const generousRateLimits: Record<string, string> = {
  RATE_LIMIT_SIGN_IN: "100000/60",
  RATE_LIMIT_CALLBACK: "100000/60",
  RATE_LIMIT_ACCOUNT: "100000/60",
  RATE_LIMIT_RISC: "100000/60",
};

/** Every variable the site reads, explicitly: nothing leaks in from the developer's .env.local or shell. */
export const quietEnv: Record<string, string> = {
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  AUTH_SECRET: testSecret,
  AUTH_URL: "",
  AUTH_TRUST_HOST: "",
  AUTH_GOOGLE_ID: "",
  AUTH_GOOGLE_SECRET: "",
  AUTH_GOOGLE_ISSUER: "",
  AUTH_GOOGLE_HD: "",
  AUTH_ALLOW_LOCAL_ISSUER: "",
  AUTH_SESSION_IDLE_SECONDS: "",
  AUTH_SESSION_MAX_SECONDS: "",
  TRUSTED_PROXIES: "",
  HEALTH_TOKEN: "",
  AUTH_SESSIONS_PER_USER: "",
  DATABASE_URL: "",
  METRICS_TOKEN: "",
  OTEL_EXPORTER_OTLP_ENDPOINT: "",
  OTEL_EXPORTER_OTLP_PROTOCOL: "",
  OTEL_SERVICE_NAME: "",
  AUTH_REVERIFY_SECONDS: "",
  DATABASE_TIMEOUT_MS: "",
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "",
  SECURITY_EVENTS_PER_USER: "",
  SECURITY_EVENTS_RETENTION_DAYS: "",
  SMTP_URL: "",
  SMTP_FROM: "",
  // PGLITE_DIR: each server gets a fresh folder of its own (e2e/servers.ts) or names one.
  // The tests sign in from one network many times over: limits so high that only e2e/rate-limits.spec.ts meets them.
  ...generousRateLimits,
};
