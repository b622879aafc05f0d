import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { describe, expect, it } from "vitest";
import { maskEmail, requestIdFrom, traceFields, userFields, userReference } from "./log";

const secret = "a-secret-of-at-least-thirty-two-characters";

describe("maskEmail", () => {
  it("keeps the first letter and the domain only", () => {
    expect(maskEmail("ada.lovelace@example.com")).toBe("a***@example.com");
    expect(maskEmail("x@example.com")).toBe("x***@example.com");
  });
  it("hides anything that is not an address entirely", () => {
    expect(maskEmail("no-at-sign")).toBe("***");
    expect(maskEmail("@example.com")).toBe("***");
  });
  it("uses the last @, so a quoted local part does not leak", () => {
    expect(maskEmail('"ada@home"@example.com')).toBe('"***@example.com');
  });
});

describe("userFields", () => {
  const user = { id: "108234567890", email: "grace.hopper@example.com" };
  it("never carries the full address or the subject when masking (production)", () => {
    const fields = userFields(user, true, secret);
    expect(JSON.stringify(fields)).not.toContain("grace.hopper");
    expect(JSON.stringify(fields)).not.toContain(user.id);
    expect(fields).toEqual({ user: userReference(user.id, secret), email: "g***@example.com" });
  });
  it("shows the address in development, where it is the developer's own test account", () => {
    expect(userFields(user, false, secret).email).toBe(user.email);
  });
});

describe("userReference", () => {
  it("gives one account the same reference every time, and another a different one", () => {
    expect(userReference("1", secret)).toBe(userReference("1", secret));
    expect(userReference("1", secret)).not.toBe(userReference("2", secret));
  });
  it("is the same after a restart: derived from the secret alone (HKDF-SHA256, then HMAC-SHA256; computed apart in Python)", () => {
    expect(userReference("108234567890", secret)).toBe("TTxZRVh_lRVxQByn");
  });
  it("is keyed: another secret gives another reference, and nobody can compute it from the sub alone", () => {
    expect(userReference("108234567890", `${secret}-other`)).not.toBe(userReference("108234567890", secret));
    // What the unkeyed reference was: anyone who knew a sub could find its lines.
    const unkeyed = createHash("sha256").update("nametag-user:108234567890").digest("base64url").slice(0, 16);
    expect(userReference("108234567890", secret)).not.toBe(unkeyed);
  });
});

describe("requestIdFrom", () => {
  it("keeps a proxy's id: nginx's 32 hex digits, Caddy's UUID, up to 128 of [A-Za-z0-9._:-]", () => {
    for (const id of [
      "0f3c9e1b2a4d5e6f708192a3b4c5d6e7",
      "5b0c6d1e-8f2a-4b3c-9d4e-1f2a3b4c5d6e",
      "a".repeat(128),
      "edge:1.2_3-4",
    ])
      expect(requestIdFrom(id)).toBe(id);
    expect(requestIdFrom(["first-id", "second-id"])).toBe("first-id");
  });
  it.each([["a".repeat(129)], ["id with spaces"], ["line\nbreak"], ["<script>"], [""], ["ünicode"]])(
    "replaces %j with an id of our own",
    (given) => {
      const id = requestIdFrom(given);
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
  it("makes one when the proxy sent none", () => {
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the development log", () => {
  // A process of its own: the logger picks its output by NODE_ENV when the module loads, and exits right after logging.
  const script = `
    import { logEvent, logEvents } from ${JSON.stringify(new URL("./log.ts", import.meta.url).href)};
    logEvents.signInSucceeded({ id: "108234567890", email: "ada@example.com" });
    logEvent("warn", "sign_in_failed", { errorClass: "OAuthCallbackError", reference: "ABCDEFG2" });
    process.exit(0);
  `;
  const run = () =>
    // The react-server condition is how Next loads server code: "server-only" lets it in.
    spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "--input-type=module", "--eval", script],
      {
        env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", AUTH_SECRET: "" },
        encoding: "utf8",
      },
    );

  it("writes one readable line per event, with time, level, message and fields, before the process exits", () => {
    const { stdout, status } = run();
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: sign in succeeded \{"event":"sign_in_succeeded","email":"ada@example.com"\}\n$/,
    );
  });

  it("sends warnings to stderr, and only there", () => {
    const { stdout, stderr } = run();
    expect(stderr).toMatch(
      /^\[\d\d:\d\d:\d\d\] WARN: sign in failed \{"event":"sign_in_failed","errorClass":"OAuthCallbackError","reference":"ABCDEFG2"\}\n$/,
    );
    expect(stdout).not.toContain("sign_in_failed");
  });
});

describe("traceFields", () => {
  it("names the active span's trace on a log line, and nothing without one", () => {
    expect(traceFields()).toEqual({});
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const span = { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 };
    const fields = context.with(trace.setSpanContext(context.active(), span), traceFields);
    expect(fields).toEqual({ trace_id: span.traceId, span_id: span.spanId });
    // An invalid (all-zero) context is no trace at all.
    const invalid = { traceId: "0".repeat(32), spanId: "0".repeat(16), traceFlags: 0 };
    expect(context.with(trace.setSpanContext(context.active(), invalid), traceFields)).toEqual({});
    context.disable();
  });
});
