import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const longSecret = "a-secret-of-at-least-thirty-two-characters";

/** `npm start` as a deployment would run it, in an empty directory so no .env.local can help it along. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/site.ts"), "start"], {
    cwd: mkdtempSync(path.join(tmpdir(), "site-start-")),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm start in production refuses an unsafe configuration, naming the variable", () => {
  it.each([
    ["a missing AUTH_SECRET", {}, "AUTH_SECRET"],
    ["a short AUTH_SECRET", { AUTH_SECRET: "too-short" }, "AUTH_SECRET"],
    ["a short old secret kept for rotation", { AUTH_SECRET: `${longSecret},old` }, "AUTH_SECRET"],
    [
      "a loopback issuer without AUTH_ALLOW_LOCAL_ISSUER",
      { AUTH_SECRET: longSecret, AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret", AUTH_GOOGLE_ISSUER: "http://127.0.0.1:3001" },
      "AUTH_GOOGLE_ISSUER",
    ],
    [
      "a plain-http issuer without AUTH_ALLOW_LOCAL_ISSUER",
      { AUTH_SECRET: longSecret, AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret", AUTH_GOOGLE_ISSUER: "http://idp.example" },
      "AUTH_GOOGLE_ISSUER",
    ],
  ])("%s", (_case, env, variable) => {
    const { status, output } = start(env);
    expect(status).not.toBe(0);
    expect(status).not.toBeNull();
    expect(output).toContain(variable);
  });
});
