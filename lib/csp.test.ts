import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, hashesPlaceholder, prerenderedPagePolicy, prerenderedScriptHashes, sealPrerenderedPagePolicy, withIntegrity } from "./csp";

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;
const scriptSrc = (policy: string) => policy.split("; ").find((directive) => directive.startsWith("script-src "));

/** A build folder as `next build` leaves it: prerendered pages, their scripts, the header rules (and a standalone copy). */
function fakeBuild(pages: Record<string, string>, { standalone = false } = {}): string {
  const dist = mkdtempSync(path.join(tmpdir(), "csp-"));
  mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dist, "static", "chunks", "app.js"), "app()");
  for (const dir of standalone ? [dist, path.join(dist, "standalone", ".next")] : [dist]) {
    mkdirSync(path.join(dir, "server", "app"), { recursive: true });
    writeFileSync(path.join(dir, "prerender-manifest.json"), JSON.stringify({ routes: Object.fromEntries(Object.keys(pages).map((route) => [route, {}])) }));
    for (const [route, html] of Object.entries(pages)) writeFileSync(path.join(dir, "server", "app", `${route === "/" ? "index" : route.slice(1)}.html`), html);
    writeFileSync(path.join(dir, "routes-manifest.json"), JSON.stringify({ headers: [{ value: `script-src ${hashesPlaceholder}` }] }));
  }
  return dist;
}

describe("prerenderedScriptHashes", () => {
  it("hashes the inline scripts of each prerendered page, and takes external ones by their integrity attribute", () => {
    const dist = fakeBuild({
      "/": '<script src="/a.js" integrity="sha256-AAAA"></script><script>alert(1)</script><link rel="preload" as="script" href="/b.js" integrity="sha384-BBBB"/>',
      "/_not-found": "<script nonce>alert(1)</script><script>b()</script><script src=\"/c.js\"></script>",
    });
    // sha256("alert(1)") in base64
    expect(prerenderedScriptHashes(dist)).toEqual(["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='", "'sha256-AAAA'", "'sha384-BBBB'", `'${sha256("b()")}'`]);
  });

  it("is empty before a build", () => {
    expect(prerenderedScriptHashes(path.join(tmpdir(), "no-such-build"))).toEqual([]);
  });
});

describe("withIntegrity", () => {
  const file = (url: string) => Buffer.from(`contents of ${url}`);

  it("pins external scripts and the links that fetch them ahead, and nothing else", () => {
    const html = [
      '<script src="/_next/static/a.js" async="">',
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/b.js"/>',
      '<link rel="modulepreload" href="/_next/static/c.js">',
      '<link rel="stylesheet" href="/_next/static/d.css"/>',
      '<link rel="preload" as="font" href="/_next/static/e.woff2"/>',
      '<script id="_R_">inline()</script>',
      '<script src="/_next/static/f.js" integrity="sha256-kept"></script>',
    ].join("");
    expect(withIntegrity(html, file)).toBe(
      [
        `<script src="/_next/static/a.js" async="" integrity="${sha256("contents of /_next/static/a.js")}">`,
        `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/b.js" integrity="${sha256("contents of /_next/static/b.js")}"/>`,
        `<link rel="modulepreload" href="/_next/static/c.js" integrity="${sha256("contents of /_next/static/c.js")}">`,
        '<link rel="stylesheet" href="/_next/static/d.css"/>',
        '<link rel="preload" as="font" href="/_next/static/e.woff2"/>',
        '<script id="_R_">inline()</script>',
        '<script src="/_next/static/f.js" integrity="sha256-kept"></script>',
      ].join(""),
    );
  });
});

describe("sealPrerenderedPagePolicy", () => {
  it("pins the pages' scripts and writes their hashes into the header rules, in the standalone copy too", () => {
    const dist = fakeBuild({ "/": '<script src="/_next/static/chunks/app.js?dpl=1" async=""></script><script>boot()</script>' }, { standalone: true });
    sealPrerenderedPagePolicy(dist);
    for (const dir of [dist, path.join(dist, "standalone", ".next")]) {
      expect(readFileSync(path.join(dir, "server", "app", "index.html"), "utf8")).toContain(`integrity="${sha256("app()")}"`);
      expect((JSON.parse(readFileSync(path.join(dir, "routes-manifest.json"), "utf8")) as { headers: { value: string }[] }).headers[0]?.value).toBe(`script-src '${sha256("boot()")}' '${sha256("app()")}'`);
    }
  });

  it("refuses a page whose script is not a file of the build: its policy could not allow it", () => {
    const dist = fakeBuild({ "/": '<script src="https://cdn.example/x.js"></script>' });
    expect(() => sealPrerenderedPagePolicy(dist)).toThrow(/cdn\.example.*not in the build/);
  });
});

describe("contentSecurityPolicy", () => {
  const base = { nonce: "abc", issuerOrigin: "https://accounts.google.com", prerenderedHashes: ["'sha256-x'"], https: true, development: false };

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
    expect(scriptSrc(contentSecurityPolicy({ ...base, nonce: undefined }))).toBe("script-src 'strict-dynamic' 'sha256-x'");
    expect(scriptSrc(prerenderedPagePolicy(false))).toBe(`script-src 'strict-dynamic' ${hashesPlaceholder}`);
  });

  it("adds unsafe-eval only in development and upgrade only over https; development pages are not pinned", () => {
    const csp = contentSecurityPolicy({ ...base, https: false, development: true });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(scriptSrc(prerenderedPagePolicy(true))).toBe("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
  });
});
