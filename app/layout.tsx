/**
 * The root of every page, bare on purpose: the site's styles, metadata and demo badge come from its route groups'
 * layouts (app/site-body.tsx), so the benchmark's reference pages (a BENCH=1 build) get exactly what a bare
 * Next.js app would serve.
 */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
