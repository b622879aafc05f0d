import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, prerenderedScriptHashes } from "./csp";

describe("prerenderedScriptHashes", () => {
  it("hashes the inline scripts of each prerendered page and skips external ones", () => {
    const dist = mkdtempSync(path.join(tmpdir(), "csp-"));
    mkdirSync(path.join(dist, "server", "app"), { recursive: true });
    writeFileSync(path.join(dist, "prerender-manifest.json"), JSON.stringify({ routes: { "/": {}, "/_not-found": {} } }));
    writeFileSync(path.join(dist, "server", "app", "index.html"), '<script src="/a.js"></script><script>alert(1)</script>');
    writeFileSync(path.join(dist, "server", "app", "_not-found.html"), "<script nonce>alert(1)</script><script>b()</script>");
    // sha256("alert(1)") in base64
    expect(prerenderedScriptHashes(dist)).toEqual(["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='", expect.stringMatching(/^'sha256-/)]);
  });

  it("is empty before a build", () => {
    expect(prerenderedScriptHashes(path.join(tmpdir(), "no-such-build"))).toEqual([]);
  });
});

describe("contentSecurityPolicy", () => {
  const base = { nonce: "abc", issuerOrigin: "https://accounts.google.com", prerenderedHashes: ["'sha256-x'"], https: true, development: false };

  it("allows scripts only by nonce, hash or same origin, and forbids framing", () => {
    const csp = contentSecurityPolicy(base);
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'sha256-x'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://accounts.google.com");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("adds unsafe-eval only in development and upgrade only over https", () => {
    const csp = contentSecurityPolicy({ ...base, https: false, development: true });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
});
