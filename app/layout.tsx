import type { Metadata } from "next";
import { DemoBadge } from "@/components/demo-badge";
import { env, usesLocalIssuer } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hello, Google", template: "%s · Hello, Google" },
  description: "Sign in with Google and get a personal greeting: a reference Next.js app with Auth.js.",
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
