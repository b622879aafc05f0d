import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const longSecret = "a-secret-of-at-least-thirty-two-characters";
/** Everything else a production start needs, so each case fails for its one reason. */
const google = { AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret", AUTH_URL: "https://site.example" };

/** `npm start` as a deployment would run it, in an empty directory (or `cwd`) so no .env.local can help it along. */
function start(env: Record<string, string>, cwd = mkdtempSync(path.join(tmpdir(), "site-start-"))) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/site.ts"), "start"],
    {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        ...env,
      },
      encoding: "utf8",
      timeout: 30_000,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm start in production refuses an unsafe configuration, naming the variable", () => {
  it.each([
    ["a missing AUTH_SECRET", google, "AUTH_SECRET"],
    ["a short AUTH_SECRET", { ...google, AUTH_SECRET: "too-short" }, "AUTH_SECRET"],
    ["a short old secret kept for rotation", { ...google, AUTH_SECRET: `${longSecret},old` }, "AUTH_SECRET"],
    [
      "a loopback issuer without AUTH_ALLOW_LOCAL_ISSUER",
      { ...google, AUTH_SECRET: longSecret, AUTH_GOOGLE_ISSUER: "http://127.0.0.1:3001" },
      "AUTH_GOOGLE_ISSUER",
    ],
    [
      "a plain-http issuer without AUTH_ALLOW_LOCAL_ISSUER",
      { ...google, AUTH_SECRET: longSecret, AUTH_GOOGLE_ISSUER: "http://idp.example" },
      "AUTH_GOOGLE_ISSUER",
    ],
    ["no AUTH_GOOGLE_ID (never the stand-in in production)", { AUTH_SECRET: longSecret }, "AUTH_GOOGLE_ID is not set"],
    [
      "neither AUTH_URL nor AUTH_TRUST_HOST",
      { AUTH_SECRET: longSecret, AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret" },
      "AUTH_TRUST_HOST=true",
    ],
    [
      "AUTH_TRUST_HOST=false and no AUTH_URL",
      { AUTH_SECRET: longSecret, AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret", AUTH_TRUST_HOST: "false" },
      "AUTH_URL",
    ],
  ])("%s", (_case, env, variable) => {
    const { status, output } = start(env);
    expect(status).not.toBe(0);
    expect(status).not.toBeNull();
    expect(output).toContain(variable);
  });
});

describe("npm start in production names the variable Auth.js reads when a near miss is set", () => {
  it.each([
    ["AUTH_GOOGLE_CLIENT_ID", "AUTH_GOOGLE_ID"],
    ["GOOGLE_CLIENT_ID", "AUTH_GOOGLE_ID"],
    ["GOOGLE_ID", "AUTH_GOOGLE_ID"],
    ["AUTH_GOOGLE_CLIENT_SECRET", "AUTH_GOOGLE_SECRET"],
    ["GOOGLE_CLIENT_SECRET", "AUTH_GOOGLE_SECRET"],
  ])("%s set: rename it to %s", (misnamed, name) => {
    const { status, output } = start({ AUTH_SECRET: longSecret, [misnamed]: "value" });
    expect(status).toBe(1);
    expect(output).toContain(`${misnamed} is set: rename it to ${name}`);
  });
});

describe("npm start without Google credentials (the stand-in) serves this machine only", () => {
  it.each([["https://nametag.example.com"], ["http://192.0.2.10:3000"], ["http://[2001:db8::1]:3000"]])(
    "refuses AUTH_URL=%s, naming AUTH_GOOGLE_ID",
    (url) => {
      const cwd = mkdtempSync(path.join(tmpdir(), "site-start-"));
      const { status, output } = start({ NODE_ENV: "", AUTH_URL: url }, cwd);
      expect(status).toBe(1);
      expect(output).toContain(`AUTH_URL is ${new URL(url).origin}`);
      expect(output).toContain("Set AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET");
      // Refused before anything was written or started.
      expect(existsSync(path.join(cwd, ".env.local"))).toBe(false);
    },
  );

  it("accepts a loopback AUTH_URL", () => {
    const { output } = start({ NODE_ENV: "", AUTH_URL: "http://localhost:3999" });
    expect(output).not.toContain("AUTH_URL is");
    expect(output).toContain("Generated AUTH_SECRET");
  });
});

describe("the generated .env.local", () => {
  // Without NODE_ENV, `npm start` generates the secret, then fails to build the empty directory: enough to look at the file.
  const startWithoutNodeEnv = (cwd: string) => start({ NODE_ENV: "" }, cwd);

  it("is written readable by its owner only", () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "site-start-"));
    startWithoutNodeEnv(cwd);
    expect(statSync(path.join(cwd, ".env.local")).mode & 0o777).toBe(0o600);
  });

  it("is made owner-only when the secret is appended to an existing file", () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "site-start-"));
    writeFileSync(path.join(cwd, ".env.local"), "# mine\n", { mode: 0o644 });
    startWithoutNodeEnv(cwd);
    expect(statSync(path.join(cwd, ".env.local")).mode & 0o777).toBe(0o600);
  });
});
