import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { prerenderedPagePolicy } from "./lib/csp";

const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
];

// BENCH=1 at build time adds the benchmark's reference pages (app/bench/*/page.bench.tsx); a normal build has none.
const benchReferencePages = process.env.BENCH === "1";

const nextConfig = (phase: string): NextConfig => ({
  poweredByHeader: false,
  reactStrictMode: true,
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(benchReferencePages ? ["bench.tsx"] : [])],
  // The Google stand-in and oidc-provider run beside Next, never inside its bundles.
  serverExternalPackages: ["oidc-provider", "@electric-sql/pglite"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // The public home page is served as built, without the middleware (which adds the other pages' policy).
        source: "/",
        missing: [
          { type: "cookie", key: "authjs.session-token" },
          { type: "cookie", key: "__Host-authjs.session-token" },
        ],
        headers: [{ key: "Content-Security-Policy", value: prerenderedPagePolicy(phase === PHASE_DEVELOPMENT_SERVER) }],
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
