import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, hashesPlaceholder, newNonce, policyForNonce, prerenderedPagePolicy } from "./csp";

const scriptSrc = (policy: string) => policy.split("; ").find((directive) => directive.startsWith("script-src "));

describe("contentSecurityPolicy", () => {
  const base = {
    nonce: "abc",
    issuerOrigin: "https://accounts.google.com",
    prerenderedHashes: ["'sha256-x'"],
    https: true,
    development: false,
  };

  it("allows scripts only by nonce, hash or same origin, and forbids framing", () => {
    const csp = contentSecurityPolicy(base);
    expect(scriptSrc(csp)).toBe("script-src 'self' 'nonce-abc' 'sha256-x'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://accounts.google.com");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("a page served as built (no nonce) allows exactly its hashed scripts and what they load: no same-origin allowance", () => {
    expect(scriptSrc(contentSecurityPolicy({ ...base, nonce: undefined }))).toBe(
      "script-src 'strict-dynamic' 'sha256-x'",
    );
    expect(scriptSrc(prerenderedPagePolicy(false))).toBe(`script-src 'strict-dynamic' ${hashesPlaceholder}`);
  });

  it("adds unsafe-eval only in development and upgrade only over https; development pages are not pinned", () => {
    const csp = contentSecurityPolicy({ ...base, https: false, development: true });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(scriptSrc(prerenderedPagePolicy(true))).toBe("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
  });
});

describe("policyForNonce", () => {
  it("gives the same policy as contentSecurityPolicy for every nonce and setting", () => {
    fc.assert(
      fc.property(fc.base64String({ minLength: 4 }), fc.boolean(), fc.boolean(), (nonce, https, development) => {
        const options = {
          issuerOrigin: "https://accounts.google.com",
          prerenderedHashes: ["'sha256-x'"],
          https,
          development,
        };
        expect(policyForNonce(options)(nonce)).toBe(contentSecurityPolicy({ ...options, nonce }));
      }),
    );
  });
});

describe("newNonce", () => {
  it("is 128 bits, base64, and never repeats, across refills of its pool", () => {
    const nonces = Array.from({ length: 1_000 }, newNonce);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
