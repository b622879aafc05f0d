import { randomFillSync } from "node:crypto";
import { defaultIssuer } from "./google";

export interface CspOptions {
  /** Absent on prerendered pages served as built. */
  nonce?: string;
  /** Origin(s) of the identity provider: its pictures are shown and the sign-in form redirects to it. */
  issuerOrigin: string;
  prerenderedHashes: readonly string[];
  https: boolean;
  development: boolean;
}

/**
 * Pages rendered per request allow their scripts by nonce (and same origin). A page served as built allows exactly the
 * scripts it was built with, by hash, and what those load ('strict-dynamic'): no same-origin file may run there.
 */
function scriptSources({ nonce, prerenderedHashes, development }: CspOptions): string[] {
  // React's development build evaluates code for its debugging aids; its pages' scripts carry no integrity.
  if (development) return ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...prerenderedHashes, "'unsafe-eval'"];
  return nonce ? ["'self'", `'nonce-${nonce}'`, ...prerenderedHashes] : ["'strict-dynamic'", ...prerenderedHashes];
}

export function contentSecurityPolicy(options: CspOptions): string {
  const { issuerOrigin, https, development } = options;
  return [
    "default-src 'self'",
    ["script-src", ...scriptSources(options)].join(" "),
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

/**
 * The policy of pages rendered per request, put together once: from one response to the next only the nonce changes.
 */
export function policyForNonce(options: Omit<CspOptions, "nonce">): (nonce: string) => string {
  const marker = "\u0000";
  const [before, after] = contentSecurityPolicy({ ...options, nonce: marker }).split(marker) as [string, string];
  return (nonce) => before + nonce + after;
}

const nonceBytes = 16;
const noncePool = Buffer.alloc(nonceBytes * 256);
let noncePoolUsed = noncePool.length;

/** A fresh nonce (128 random bits, base64) for each response, from a pool refilled 256 at a time: one system call, not one per request. */
export function newNonce(): string {
  if (noncePoolUsed === noncePool.length) {
    randomFillSync(noncePool);
    noncePoolUsed = 0;
  }
  noncePoolUsed += nonceBytes;
  return noncePool.toString("base64", noncePoolUsed - nonceBytes, noncePoolUsed);
}

/** Auth.js's own pages (the sign-out confirmation, verify-request): inline styles, no script at all. */
export const authPagesPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Stands for the prerendered pages' script hashes in next.config.ts until the build has made those pages. */
export const hashesPlaceholder = "'prerendered-script-hashes'";

/**
 * The policy of the pages served as built without waking the middleware (the public home, the 404 of the paths it
 * skips): no nonce, the scripts allowed by hash. Which provider the site will use is only known at start, so the
 * sign-in form may go to Google or to a loopback stand-in (a loopback form target gives an attacker nothing).
 */
export function prerenderedPagePolicy(development: boolean): string {
  return contentSecurityPolicy({
    issuerOrigin: `${defaultIssuer} http://127.0.0.1:* http://localhost:*`,
    // In development pages are rendered on demand and Next's inline scripts change with every edit.
    prerenderedHashes: development ? ["'unsafe-inline'"] : [hashesPlaceholder],
    https: false,
    development,
  });
}
