/**
 * The pages `next build` prerenders are served as built, so their scripts are allowed by hash (lib/csp.ts): this reads
 * those hashes from a build and seals a fresh build (integrity attributes, the hashes in its header rules).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashesPlaceholder } from "../lib/csp";

const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("base64");

/** The HTML files of the prerendered pages (`/`, the 404 page…) in a build folder. */
function prerenderedPages(distDir: string): string[] {
  const manifestFile = path.join(distDir, "prerender-manifest.json");
  if (!existsSync(manifestFile)) return [];
  const { routes } = JSON.parse(readFileSync(manifestFile, "utf8")) as { routes: Record<string, unknown> };
  return Object.keys(routes)
    .map((route) => path.join(distDir, "server", "app", `${route === "/" ? "/index" : route}.html`))
    .filter((file) => existsSync(file));
}

const scriptOrLinkTag = /<(?:script|link)\b[^>]*>/g;
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The URL a tag loads a script from: `<script src>`, or a `<link>` fetching one ahead (preload as script, modulepreload). */
function scriptUrl(tag: string): string | undefined {
  if (tag.startsWith("<script")) return attribute(tag, "src");
  const rel = attribute(tag, "rel");
  return rel === "modulepreload" || (rel === "preload" && attribute(tag, "as") === "script")
    ? attribute(tag, "href")
    : undefined;
}

/**
 * Hashes of the scripts in the prerendered pages: they are served as built, so they cannot carry a per-request nonce.
 * Inline scripts by their text, external ones by their `integrity` attribute (sealPrerenderedPagePolicy adds it).
 */
export function prerenderedScriptHashes(distDir = path.join(process.cwd(), ".next")): string[] {
  const hashes = new Set<string>();
  for (const file of prerenderedPages(distDir)) {
    const html = readFileSync(file, "utf8");
    for (const [, script] of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g))
      hashes.add(`'sha256-${sha256(script!)}'`);
    for (const [tag] of html.matchAll(scriptOrLinkTag))
      if (scriptUrl(tag) !== undefined)
        for (const hash of attribute(tag, "integrity")?.split(/\s+/).filter(Boolean) ?? []) hashes.add(`'${hash}'`);
  }
  return [...hashes];
}

/** Gives every external script of a page an integrity attribute: under 'strict-dynamic' only its hash allows it. */
export function withIntegrity(html: string, scriptFile: (url: string) => Buffer): string {
  return html.replace(scriptOrLinkTag, (tag) => {
    const url = scriptUrl(tag);
    if (url === undefined || attribute(tag, "integrity") !== undefined) return tag;
    return tag.replace(/\s*\/?>$/, (end) => ` integrity="sha256-${sha256(scriptFile(url))}"${end}`);
  });
}

/**
 * Seals the build: every external script of the prerendered pages gets an integrity attribute (the file's SHA-256),
 * and the pages' script hashes go into the build's header rules (`.next/routes-manifest.json`) in place of the
 * placeholder next.config.ts put there (`next build` evaluates the headers before it renders the pages). The
 * standalone output (what the Dockerfile ships) holds its own copy of both.
 */
export function sealPrerenderedPagePolicy(distDir = path.join(process.cwd(), ".next")): void {
  const scriptFile = (url: string) => {
    const file = url.split(/[?#]/)[0]!;
    if (!file.startsWith("/_next/static/"))
      throw new Error(
        `${url}: a prerendered page loads a script that is not in the build, which its policy cannot allow`,
      );
    return readFileSync(path.join(distDir, "static", file.slice("/_next/static/".length)));
  };
  const standalone = path.join(distDir, "standalone", ".next");
  for (const dir of existsSync(standalone) ? [distDir, standalone] : [distDir]) {
    for (const page of prerenderedPages(dir))
      writeFileSync(page, withIntegrity(readFileSync(page, "utf8"), scriptFile));
    const manifestFile = path.join(dir, "routes-manifest.json");
    writeFileSync(
      manifestFile,
      readFileSync(manifestFile, "utf8").replaceAll(hashesPlaceholder, prerenderedScriptHashes(dir).join(" ")),
    );
  }
}

/**
 * Why a production build cannot be served, if it cannot: `next build` alone leaves the placeholder in the prerendered
 * pages' policy (the seal runs after it, in `npm run build`), and those pages would run no script at all.
 */
export function unsealedBuildProblem(distDir = path.join(process.cwd(), ".next")): string | undefined {
  const manifestFile = path.join(distDir, "routes-manifest.json");
  if (!existsSync(manifestFile) || !readFileSync(manifestFile, "utf8").includes(hashesPlaceholder)) return undefined;
  return "This build is not sealed: `next build` ran without the step that pins the scripts of the pages served as built. Build with `npm run build`, or run `npm run seal` after `next build`.";
}
