import type { Metadata } from "next";

/** The product's own name: Google's branding rules keep "Google" out of it (only "Sign in with Google" names Google). */
export const siteName = "Nametag";
const siteDescription =
  "Sign in with Google and get a page that knows your name: a reference Next.js app with Auth.js.";

const socialImage = {
  url: "/social-preview.png",
  width: 1200,
  height: 630,
  alt: `${siteName}: sign in with Google, get a greeting.`,
};

/**
 * Site-wide metadata. Social previews need absolute links, so they are only given when the public origin is known
 * at run time: a prerendered page (built without it) carries none rather than the build machine's address.
 */
export function siteMetadata(origin: URL | undefined): Metadata {
  const base: Metadata = {
    title: { default: siteName, template: `%s · ${siteName}` },
    description: siteDescription,
    applicationName: siteName,
  };
  if (!origin) return base;
  return {
    ...base,
    metadataBase: origin,
    openGraph: {
      type: "website",
      siteName,
      title: siteName,
      description: siteDescription,
      url: "/",
      images: [socialImage],
    },
    twitter: { card: "summary_large_image", title: siteName, description: siteDescription, images: [socialImage] },
  };
}
