import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, hashesPlaceholder, prerenderedPagePolicy } from "./csp";

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
