import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { prerenderedPagePolicy } from "./lib/csp";
import { signedInRoutes } from "./build/signed-in-routes";
import { sessionCookieName } from "./lib/auth-cookies";
import { homeTwinRewrites } from "./lib/home-twins";

const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
];

// BENCH=1 at build time adds the benchmark's reference pages (app/bench/*/page.bench.tsx); a normal build has none.
const benchReferencePages = process.env.BENCH === "1";

const nextConfig = (phase: string): NextConfig => ({
  poweredByHeader: false,
  // A self-contained server (.next/standalone/server.js with only the node_modules it traces): what the Dockerfile ships.
  output: "standalone",
  // Middleware sees the URL Next routes by (its listen address), not a `localhost` of its own making: a rewrite to
  // `/home` stays in-process instead of being proxied over HTTP back to this server (see middleware.ts).
  skipProxyUrlNormalize: true,
  // The development server logs each request's URL: never the authorization code or state of a sign-in callback.
  logging: { incomingRequests: { ignore: [/[?&](?:code|state|id_token|access_token)=/, /^\/api\/auth\/callback\//] } },
  reactStrictMode: true,
  // app/global-not-found.tsx answers unknown addresses: a root app/not-found.tsx would be serialised into every page's
  // payload (twice on a route group's pages), ~2 KB each time.
  experimental: { globalNotFound: true },
  // Inlined into the middleware's bundle: its cookie gate covers the signed-in route group's pages, read from the folder.
  env: { NAMETAG_SIGNED_IN_ROUTES: signedInRoutes().join(",") },
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(benchReferencePages ? ["bench.tsx"] : [])],
  // Loaded from node_modules at run time, never bundled: oidc-provider (the stand-in runs beside Next), pino and
  // pino-pretty (worker-free destinations), the database drivers. Standalone output traces them into
  // .next/standalone/node_modules.
  // rate-limiter-flexible loads drizzle-orm by a computed import: both from node_modules, the same copy.
  serverExternalPackages: [
    "oidc-provider",
    "pino",
    "pino-pretty",
    "@electric-sql/pglite",
    "pg",
    "rate-limiter-flexible",
    "drizzle-orm",
  ],
  // The embedded store migrates itself at start: the SQL files are read at run time, so tracing must be told.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  // `/` stays prerendered; the middleware names a twin for link-preview crawlers (lib/home-twins.ts).
  async rewrites() {
    return { beforeFiles: homeTwinRewrites, afterFiles: [], fallback: [] };
  },
  async headers() {
    const prerenderedPageHeaders = [
      { key: "Content-Security-Policy", value: prerenderedPagePolicy(phase === PHASE_DEVELOPMENT_SERVER) },
    ];
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // The public home page is served as built, without the middleware (which adds the other pages' policy).
        source: "/",
        missing: [false, true].map((secure) => ({ type: "cookie" as const, key: sessionCookieName(secure) })),
        headers: prerenderedPageHeaders,
      },
      {
        // The 404 of an image or text path the middleware skips (middleware.ts matcher): the prerendered 404 page.
        source: "/:path*.:ext(png|svg|jpg|webp|ico|txt|xml)",
        headers: prerenderedPageHeaders,
      },
      {
        // Browsers ignore HSTS over plain http anyway; send it only when a proxy says the visitor came over https.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
});

export default nextConfig;
