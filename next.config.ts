import type { NextConfig } from "next";

const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
];

// BENCH=1 at build time adds the benchmark's reference pages (app/bench/*/page.bench.tsx); a normal build has none.
const benchReferencePages = process.env.BENCH === "1";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Middleware sees the URL Next routes by (its listen address), not a `localhost` of its own making: a rewrite to
  // `/home` stays in-process instead of being proxied over HTTP back to this server (see middleware.ts).
  skipProxyUrlNormalize: true,
  // The development server logs each request's URL: never the authorization code or state of a sign-in callback.
  logging: { incomingRequests: { ignore: [/[?&](?:code|state|id_token|access_token)=/, /^\/api\/auth\/callback\//] } },
  reactStrictMode: true,
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(benchReferencePages ? ["bench.tsx"] : [])],
  // The Google stand-in and oidc-provider run beside Next, never inside its bundles.
  serverExternalPackages: ["oidc-provider"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // Browsers ignore HSTS over plain http anyway; send it only when a proxy says the visitor came over https.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
