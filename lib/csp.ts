import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Hashes of the inline scripts in the prerendered pages (`/`, the 404 page): they are served as built, so they cannot
 * carry a per-request nonce; allowing exactly these scripts keeps them static and keeps 'unsafe-inline' out.
 */
export function prerenderedScriptHashes(distDir = path.join(process.cwd(), ".next")): string[] {
  const manifestFile = path.join(distDir, "prerender-manifest.json");
  if (!existsSync(manifestFile)) return [];
  const { routes } = JSON.parse(readFileSync(manifestFile, "utf8")) as { routes: Record<string, unknown> };
  const hashes = new Set<string>();
  for (const route of Object.keys(routes)) {
    const htmlFile = path.join(distDir, "server", "app", `${route === "/" ? "/index" : route}.html`);
    if (!existsSync(htmlFile)) continue;
    for (const [, script] of readFileSync(htmlFile, "utf8").matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g))
      hashes.add(`'sha256-${createHash("sha256").update(script!).digest("base64")}'`);
  }
  return [...hashes];
}

export interface CspOptions {
  /** Absent on prerendered pages served as built. */
  nonce?: string;
  /** Origin(s) of the identity provider: its pictures are shown and the sign-in form redirects to it. */
  issuerOrigin: string;
  prerenderedHashes: readonly string[];
  https: boolean;
  development: boolean;
}

export function contentSecurityPolicy({ nonce, issuerOrigin, prerenderedHashes, https, development }: CspOptions): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids.
    ["script-src 'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...prerenderedHashes, ...(development ? ["'unsafe-eval'"] : [])].join(" "),
    // Next's development overlay styles itself inline.
    `style-src 'self'${development ? " 'unsafe-inline'" : ""}`,
    `img-src 'self' data: ${issuerOrigin} https://*.googleusercontent.com`,
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${issuerOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Auth.js's own pages (the sign-out confirmation, verify-request): inline styles, no script at all. */
export const authPagesPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Stands for the prerendered pages' script hashes in next.config.ts until the build has made those pages. */
export const hashesPlaceholder = "'prerendered-script-hashes'";

/**
 * The policy of the public home page, which is served as built without waking the middleware: no nonce, the inline
 * scripts allowed by hash. Which provider the site will use is only known at start, so the sign-in form may go to
 * Google or to a loopback stand-in (a loopback form target gives an attacker nothing).
 */
export function prerenderedPagePolicy(development: boolean): string {
  return contentSecurityPolicy({
    issuerOrigin: "https://accounts.google.com http://127.0.0.1:* http://localhost:*",
    // In development pages are rendered on demand and Next's inline scripts change with every edit.
    prerenderedHashes: development ? ["'unsafe-inline'"] : [hashesPlaceholder],
    https: false,
    development,
  });
}

/**
 * Writes the prerendered pages' script hashes into the build's header rules (`.next/routes-manifest.json`), in place
 * of the placeholder next.config.ts put there: `next build` evaluates the headers before it renders the pages.
 */
export function sealPrerenderedPagePolicy(distDir = path.join(process.cwd(), ".next")): void {
  const manifestFile = path.join(distDir, "routes-manifest.json");
  const manifest = readFileSync(manifestFile, "utf8");
  if (!manifest.includes(hashesPlaceholder)) return;
  writeFileSync(manifestFile, manifest.replaceAll(hashesPlaceholder, prerenderedScriptHashes(distDir).join(" ")));
}
