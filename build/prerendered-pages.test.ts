import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashesPlaceholder } from "../lib/csp";
import {
  prerenderedScriptHashes,
  sealPrerenderedPagePolicy,
  unsealedBuildProblem,
  withIntegrity,
} from "./prerendered-pages";

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;

/** A build folder as `next build` leaves it: prerendered pages, their scripts, the header rules (and a standalone copy). */
function fakeBuild(pages: Record<string, string>, { standalone = false } = {}): string {
  const dist = mkdtempSync(path.join(tmpdir(), "csp-"));
  mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dist, "static", "chunks", "app.js"), "app()");
  for (const dir of standalone ? [dist, path.join(dist, "standalone", ".next")] : [dist]) {
    mkdirSync(path.join(dir, "server", "app"), { recursive: true });
    writeFileSync(
      path.join(dir, "prerender-manifest.json"),
      JSON.stringify({ routes: Object.fromEntries(Object.keys(pages).map((route) => [route, {}])) }),
    );
    for (const [route, html] of Object.entries(pages))
      writeFileSync(path.join(dir, "server", "app", `${route === "/" ? "index" : route.slice(1)}.html`), html);
    writeFileSync(
      path.join(dir, "routes-manifest.json"),
      JSON.stringify({ headers: [{ value: `script-src ${hashesPlaceholder}` }] }),
    );
  }
  return dist;
}

describe("prerenderedScriptHashes", () => {
  it("hashes the inline scripts of each prerendered page, and takes external ones by their integrity attribute", () => {
    const dist = fakeBuild({
      "/": '<script src="/a.js" integrity="sha256-AAAA"></script><script>alert(1)</script><link rel="preload" as="script" href="/b.js" integrity="sha384-BBBB"/>',
      "/_not-found": '<script nonce>alert(1)</script><script>b()</script><script src="/c.js"></script>',
    });
    // sha256("alert(1)") in base64
    expect(prerenderedScriptHashes(dist)).toEqual([
      "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",
      "'sha256-AAAA'",
      "'sha384-BBBB'",
      `'${sha256("b()")}'`,
    ]);
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
    const dist = fakeBuild(
      { "/": '<script src="/_next/static/chunks/app.js?dpl=1" async=""></script><script>boot()</script>' },
      { standalone: true },
    );
    sealPrerenderedPagePolicy(dist);
    for (const dir of [dist, path.join(dist, "standalone", ".next")]) {
      expect(readFileSync(path.join(dir, "server", "app", "index.html"), "utf8")).toContain(
        `integrity="${sha256("app()")}"`,
      );
      expect(
        (JSON.parse(readFileSync(path.join(dir, "routes-manifest.json"), "utf8")) as { headers: { value: string }[] })
          .headers[0]?.value,
      ).toBe(`script-src '${sha256("boot()")}' '${sha256("app()")}'`);
    }
  });

  it("refuses a page whose script is not a file of the build: its policy could not allow it", () => {
    const dist = fakeBuild({ "/": '<script src="https://cdn.example/x.js"></script>' });
    expect(() => sealPrerenderedPagePolicy(dist)).toThrow(/cdn\.example.*not in the build/);
  });
});

describe("unsealedBuildProblem", () => {
  it("names the fix for a build `next build` made alone, and has nothing to say once it is sealed or before any build", () => {
    const dist = fakeBuild({ "/": '<script src="/_next/static/chunks/app.js"></script>' });
    expect(unsealedBuildProblem(dist)).toMatch(/npm run build.*npm run seal/);
    sealPrerenderedPagePolicy(dist);
    expect(unsealedBuildProblem(dist)).toBeUndefined();
    expect(unsealedBuildProblem(path.join(tmpdir(), "no-such-build"))).toBeUndefined();
  });
});
