import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCompose } from "./compose";

/** The operator's .env that compose.yaml asks for, and nothing else. */
const required = {
  AUTH_SECRET: "a-secret",
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "a-key",
  AUTH_GOOGLE_ID: "an-id",
  AUTH_GOOGLE_SECRET: "a-google-secret",
  POSTGRES_PASSWORD: "a-password",
};

const scratch = mkdtempSync(path.join(tmpdir(), "compose-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function composeOf(text: string, variables: Record<string, string>) {
  const file = path.join(scratch, "compose.yaml");
  writeFileSync(file, text);
  return readCompose(file, variables);
}

describe("readCompose (compose.yaml as the container test reads it)", () => {
  it("puts the operator's variables and compose.yaml's defaults into both replicas and the database", () => {
    const compose = readCompose("compose.yaml", required);
    for (const replica of ["app1", "app2"])
      expect(compose.services[replica]!.environment).toMatchObject({
        AUTH_SECRET: "a-secret",
        AUTH_URL: "https://localhost",
        LOG_LEVEL: "info",
        DATABASE_URL: "postgres://nametag:a-password@db:5432/nametag",
      });
    expect(compose.services.db!.environment?.POSTGRES_PASSWORD).toBe("a-password");
  });

  it("refuses a missing required variable with compose.yaml's own message", () => {
    const { AUTH_SECRET: _left, ...withoutSecret } = required;
    expect(() => readCompose("compose.yaml", withoutSecret)).toThrow(/set AUTH_SECRET in \.env/);
  });

  it("follows compose's rules: `:-` and `:?` treat empty as unset, `-` and `?` only unset, `$$` is a dollar", () => {
    const text = [
      "services:",
      "  s:",
      "    environment:",
      "      A: ${EMPTY:-fallback}",
      "      B: ${EMPTY-fallback}",
      "      C: ${UNSET-fallback}",
      "      D: $${NOT_A_VARIABLE}",
      "      E: ${SET}",
      "      F: ${UNSET}",
    ].join("\n");
    expect(composeOf(text, { EMPTY: "", SET: "x" }).services.s!.environment).toEqual({
      A: "fallback",
      B: "",
      C: "fallback",
      D: "${NOT_A_VARIABLE}",
      E: "x",
      F: "",
    });
    expect(() => composeOf("x: ${EMPTY:?is empty}", { EMPTY: "" })).toThrow("is empty");
    expect(composeOf("x: ${EMPTY?is unset}", { EMPTY: "" })).toEqual({ x: "" });
  });
});
