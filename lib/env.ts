import { z } from "zod";
import { isLoopbackHost, isLoopbackUrl } from "./loopback";

export { isLoopbackUrl };

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);


const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Comma-separated; the first signs new sessions, the others still open old ones (rotation). */
    AUTH_SECRET: z
      .string()
      .optional()
      .transform((value) => value?.split(",").map((secret) => secret.trim()).filter(Boolean) ?? []),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_GOOGLE_HD: z
      .string()
      .optional()
      .transform((value) => value?.split(",").map((domain) => domain.trim().toLowerCase()).filter(Boolean) ?? []),
    AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_TRUST_HOST: flag,
    AUTH_ALLOW_LOCAL_ISSUER: flag,
    AUTH_SESSION_IDLE_SECONDS: seconds(60 * 60 * 24),
    AUTH_SESSION_MAX_SECONDS: seconds(60 * 60 * 24 * 7),
  })
  .superRefine((env, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (env.AUTH_GOOGLE_ID && !env.AUTH_GOOGLE_SECRET) problem("AUTH_GOOGLE_SECRET", "is required when AUTH_GOOGLE_ID is set");
    if (env.AUTH_SESSION_MAX_SECONDS < env.AUTH_SESSION_IDLE_SECONDS)
      problem("AUTH_SESSION_MAX_SECONDS", "must be at least AUTH_SESSION_IDLE_SECONDS");
    if (env.NODE_ENV !== "production") return;
    if (env.AUTH_SECRET.length === 0) problem("AUTH_SECRET", "is required in production (generate one with `npx auth secret` or `openssl rand -base64 33`)");
    for (const secret of env.AUTH_SECRET)
      if (secret.length < 32) problem("AUTH_SECRET", "each secret must be at least 32 characters");
    if (!env.AUTH_GOOGLE_ID) problem("AUTH_GOOGLE_ID", "is required in production (or start with `npm start`, which runs the local stand-in)");
    if (!env.AUTH_URL && !env.AUTH_TRUST_HOST)
      problem("AUTH_URL", "or AUTH_TRUST_HOST=true is required in production: set AUTH_URL to the site's public address (AUTH_TRUST_HOST=true only behind a proxy that sets X-Forwarded-Host)");
    if (env.AUTH_GOOGLE_ISSUER && !env.AUTH_ALLOW_LOCAL_ISSUER) {
      const issuer = new URL(env.AUTH_GOOGLE_ISSUER);
      if (issuer.protocol !== "https:" || isLoopbackHost(issuer.hostname))
        problem("AUTH_GOOGLE_ISSUER", "must be a public https: issuer in production; set AUTH_ALLOW_LOCAL_ISSUER=true only for a local stand-in");
    }
  });

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Reads and checks the environment; throws an EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable (`AUTH_URL=`) means unset, as it does for Auth.js.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}

/** True when the configured issuer is the local stand-in (or any loopback provider). */
export function usesLocalIssuer(env: Pick<Env, "AUTH_GOOGLE_ISSUER">): boolean {
  return env.AUTH_GOOGLE_ISSUER !== undefined && isLoopbackUrl(env.AUTH_GOOGLE_ISSUER);
}

// `next build` runs with NODE_ENV=production but without deployment secrets; it is checked again at start.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

export const env: Env = parseEnv(isBuild ? { ...process.env, NODE_ENV: "development" } : process.env);

// Auth.js reads AUTH_TRUST_HOST itself and takes any non-empty value, `false` included, as true: leave it our value.
if (env.AUTH_TRUST_HOST) process.env.AUTH_TRUST_HOST = "true";
else delete process.env.AUTH_TRUST_HOST;

export const sessionLifetime = { idleSeconds: env.AUTH_SESSION_IDLE_SECONDS, maxSeconds: env.AUTH_SESSION_MAX_SECONDS };
