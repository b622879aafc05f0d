import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The Google stand-in and oidc-provider run beside Next, never inside its bundles.
  serverExternalPackages: ["oidc-provider"],
};

export default nextConfig;
