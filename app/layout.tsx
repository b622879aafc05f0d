import type { Metadata, Viewport } from "next";
import { DemoBadge } from "@/components/demo-badge";
import { demoMode, publicOrigin } from "@/config/env";
import { siteMetadata } from "@/lib/site";
import "./globals.css";

/** Read when a page renders: at run time for dynamic pages; prerendered pages, built without an origin, get no social links. */
export function generateMetadata(): Metadata {
  return siteMetadata(publicOrigin);
}

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
        {demoMode && <DemoBadge />}
        {children}
      </body>
    </html>
  );
}
