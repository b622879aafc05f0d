import type { Metadata, Viewport } from "next";
import { DemoBadge } from "@/components/demo-badge";
import { demoMode, publicOrigin } from "@/config/env";
import { siteMetadata } from "@/lib/site";
// The site's base styles: the layouts import this module first, so they come before every module's own.
import "./globals.css";

/**
 * What the site puts around every page of its own, inside the bare root layout (app/layout.tsx): its styles, its
 * metadata and the demo badge. The route groups' layouts use it, so the benchmark's reference pages, which are in
 * none of them, are served as by a bare Next.js app and every ratio counts all that the site adds.
 */
export function SiteBody({ children }: { children: React.ReactNode }) {
  return (
    <>
      {demoMode && <DemoBadge />}
      {children}
    </>
  );
}

export const siteViewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#131314" },
  ],
};

/** Read when a page renders: at run time for dynamic pages; prerendered pages, built without an origin, get no social links. */
export const publicPageMetadata = (): Metadata => siteMetadata(publicOrigin);

/** Signed-in pages carry no social links: a crawler, without a session, is sent to sign-in and never reads them. */
export const signedInPageMetadata: Metadata = siteMetadata(undefined);
