import type { Metadata, Viewport } from "next";
import { DemoBadge } from "@/components/demo-badge";
import { env, usesLocalIssuer } from "@/lib/env";
import "./globals.css";

const siteName = "Hello, Google";
const description = "Sign in with Google and get a personal greeting: a reference Next.js app with Auth.js.";
const socialImage = { url: "/social-preview.png", width: 1200, height: 630, alt: "Hello, Google: sign in with Google, get a greeting." };

export const metadata: Metadata = {
  // Absolute links in social previews need the public origin; without AUTH_URL, Next uses the local address.
  metadataBase: env.AUTH_URL ? new URL(env.AUTH_URL) : undefined,
  title: { default: siteName, template: `%s · ${siteName}` },
  description,
  applicationName: siteName,
  openGraph: { type: "website", siteName, title: siteName, description, images: [socialImage] },
  twitter: { card: "summary_large_image", title: siteName, description, images: [socialImage] },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#131314" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        {usesLocalIssuer(env) && <DemoBadge />}
        {children}
      </body>
    </html>
  );
}
