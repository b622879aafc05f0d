import { describe, expect, it } from "vitest";
import { isLoopbackUrl, parseEnv, trustedProxiesOf, usesLocalIssuer } from "./env";

const secret = "a-secret-of-at-least-thirty-two-characters";
const production = {
  NODE_ENV: "production",
  AUTH_SECRET: secret,
  AUTH_GOOGLE_ID: "id",
  AUTH_GOOGLE_SECRET: "shh",
  AUTH_URL: "https://site.example",
};

describe("parseEnv", () => {
  it("accepts a development environment with nothing set", () => {
    const env = parseEnv({});
    expect(env.AUTH_SECRET).toEqual([]);
    expect(env.AUTH_SESSION_IDLE_SECONDS).toBe(86_400);
    expect(env.AUTH_SESSIONS_PER_USER).toBe(20);
    expect(env.AUTH_REVERIFY_SECONDS).toBe(600);
  });

  it("checks SMTP_URL is an smtp(s) URL and wants SMTP_FROM with it, naming each", () => {
    expect(() => parseEnv({ SMTP_URL: "http://mail.example" })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example:587" })).toThrow(/SMTP_FROM: is required/);
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example", SMTP_FROM: "nobody" })).toThrow(/SMTP_FROM/);
    expect(parseEnv({ SMTP_URL: "smtps://u:p@mail.example", SMTP_FROM: "Nametag <s@example.com>" }).SMTP_URL).toBe(
      "smtps://u:p@mail.example",
    );
    expect(parseEnv({}).SECURITY_EVENTS_RETENTION_DAYS).toBe(90);
    expect(parseEnv({}).SECURITY_EVENTS_PER_USER).toBe(200);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ AUTH_URL: "", AUTH_GOOGLE_ID: "" }).AUTH_URL).toBeUndefined();
  });

  it("splits AUTH_SECRET into new and old secrets for rotation", () => {
    expect(parseEnv({ AUTH_SECRET: "new, old" }).AUTH_SECRET).toEqual(["new", "old"]);
  });

  it("checks NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is an AES key in base64, naming it", () => {
    expect(
      parseEnv({ ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") })
        .NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    ).toBeDefined();
    expect(() => parseEnv({ ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "short" })).toThrow(
      /NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be 16, 24 or 32 bytes/,
    );
  });

  it("accepts a complete production environment", () => {
    expect(parseEnv(production).AUTH_GOOGLE_ID).toBe("id");
  });

  it.each([
    [{ AUTH_SECRET: undefined }, "AUTH_SECRET"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ AUTH_GOOGLE_ID: undefined }, "AUTH_GOOGLE_ID"],
    [{ AUTH_GOOGLE_SECRET: undefined }, "AUTH_GOOGLE_SECRET"],
    [{ AUTH_GOOGLE_ISSUER: "http://127.0.0.1:3001" }, "AUTH_GOOGLE_ISSUER"],
    [{ AUTH_GOOGLE_ISSUER: "http://idp.example" }, "AUTH_GOOGLE_ISSUER"],
    [{ AUTH_GOOGLE_ISSUER: "https://0.0.0.0" }, "AUTH_GOOGLE_ISSUER"],
    [{ AUTH_GOOGLE_ISSUER: "https://[::ffff:127.0.0.1]" }, "AUTH_GOOGLE_ISSUER"],
    [{ AUTH_GOOGLE_ISSUER: "https://idp.localhost" }, "AUTH_GOOGLE_ISSUER"],
    [{ AUTH_GOOGLE_ISSUER: "https://localhost." }, "AUTH_GOOGLE_ISSUER"],
    [{ AUTH_URL: undefined }, "AUTH_TRUST_HOST=true"],
    [{ AUTH_URL: undefined, AUTH_TRUST_HOST: "false" }, "AUTH_URL"],
    [{ AUTH_URL: "not a url" }, "AUTH_URL"],
    [{ AUTH_SESSION_IDLE_SECONDS: "0" }, "AUTH_SESSION_IDLE_SECONDS"],
    [{ AUTH_SESSIONS_PER_USER: "0" }, "AUTH_SESSIONS_PER_USER"],
    [{ AUTH_REVERIFY_SECONDS: "4" }, "AUTH_REVERIFY_SECONDS"],
    [{ AUTH_REVERIFY_SECONDS: "86401" }, "AUTH_REVERIFY_SECONDS"],
    [{ AUTH_SESSIONS_PER_USER: "2.5" }, "AUTH_SESSIONS_PER_USER"],
  ])("in production, %j is refused, naming %s", (override, variable) => {
    expect(() => parseEnv({ ...production, ...override })).toThrow(variable);
  });

  it("accepts AUTH_TRUST_HOST=true instead of AUTH_URL in production", () => {
    expect(parseEnv({ ...production, AUTH_URL: undefined, AUTH_TRUST_HOST: "true" }).AUTH_TRUST_HOST).toBe(true);
  });

  it("reads AUTH_TRUST_HOST=false and =0 as false", () => {
    expect(parseEnv({ AUTH_TRUST_HOST: "false" }).AUTH_TRUST_HOST).toBe(false);
    expect(parseEnv({ AUTH_TRUST_HOST: "0" }).AUTH_TRUST_HOST).toBe(false);
  });

  it("trusts no proxy's X-Forwarded-For by default, the loopback one with AUTH_TRUST_HOST=true, or whom TRUSTED_PROXIES names", () => {
    expect(trustedProxiesOf(parseEnv({}))).toEqual([]);
    expect(trustedProxiesOf(parseEnv({ AUTH_TRUST_HOST: "true" }))).toEqual(["loopback"]);
    expect(
      trustedProxiesOf(parseEnv({ AUTH_TRUST_HOST: "true", TRUSTED_PROXIES: "172.30.80.10, 10.0.0.0/8" })),
    ).toEqual(["172.30.80.10", "10.0.0.0/8"]);
    expect(trustedProxiesOf(parseEnv({ TRUSTED_PROXIES: "loopback,uniquelocal,::1" }))).toEqual([
      "loopback",
      "uniquelocal",
      "::1",
    ]);
  });

  it.each(["proxy.example", "10.0.0.0/33", "loopback, 300.1.1.1"])("refuses TRUSTED_PROXIES=%s, naming it", (value) => {
    expect(() => parseEnv({ TRUSTED_PROXIES: value })).toThrow(
      /TRUSTED_PROXIES: invalid (IP address|range on address)/,
    );
  });

  it("refuses a short METRICS_TOKEN and an OTLP protocol it cannot speak, naming each", () => {
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow("METRICS_TOKEN: must be at least 32 characters");
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow("OTEL_EXPORTER_OTLP_PROTOCOL: must be");
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow("OTEL_EXPORTER_OTLP_ENDPOINT");
    expect(parseEnv({}).OTEL_SERVICE_NAME).toBe("nametag");
    expect(parseEnv({}).OTEL_EXPORTER_OTLP_PROTOCOL).toBe("http/protobuf");
  });
  it("refuses a short HEALTH_TOKEN, naming it", () => {
    expect(() => parseEnv({ HEALTH_TOKEN: "short" })).toThrow("HEALTH_TOKEN: must be at least 32 characters");
    expect(parseEnv({ HEALTH_TOKEN: secret }).HEALTH_TOKEN).toBe(secret);
  });

  it("allows a local issuer in production only when opted in", () => {
    const env = parseEnv({
      ...production,
      AUTH_GOOGLE_ISSUER: "http://127.0.0.1:3001",
      AUTH_ALLOW_LOCAL_ISSUER: "true",
    });
    expect(usesLocalIssuer(env)).toBe(true);
  });

  it("knows Google itself is not local", () => {
    expect(usesLocalIssuer(parseEnv({ AUTH_GOOGLE_ISSUER: "https://accounts.google.com" }))).toBe(false);
    expect(usesLocalIssuer(parseEnv({}))).toBe(false);
  });
});

describe("isLoopbackUrl", () => {
  it.each([
    "http://localhost:3001",
    "http://LOCALHOST",
    "http://localhost.:3001",
    "http://idp.localhost",
    "http://127.0.0.1",
    "http://127.1.2.3",
    "http://0.0.0.0:3001",
    "http://[::1]",
    "http://[::]:3001",
    "http://[0:0:0:0:0:0:0:1]",
    "http://[::ffff:127.0.0.1]",
    "http://[::ffff:7f00:1]",
    "http://[::ffff:0.0.0.0]",
    "http://2130706433",
    "http://0x7f.1",
  ])("%s reaches this machine", (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each([
    "https://accounts.google.com",
    "http://localhost.example",
    "http://mylocalhost",
    "http://128.0.0.1",
    "http://[::ffff:8.8.8.8]",
    "http://[2001:db8::1]",
    "http://0.0.0.1",
    "http://[::ffff:0.0.0.1]",
  ])("%s does not", (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});
