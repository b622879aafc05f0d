import { cookies } from "next/headers";

/**
 * The benchmark's floor for dynamic pages: read a cookie, render, under the bare root layout and nothing of the site's
 * (app/site-body.tsx), as a bare Next.js app would. Only a BENCH=1 build has it (see next.config.ts).
 */
export default async function DynamicReferencePage() {
  const sessionCookie = (await cookies()).get("authjs.session-token");
  return (
    <main className="page">
      <section className="card">
        <h1>Dynamic reference</h1>
        <p>Session cookie: {sessionCookie ? `${sessionCookie.value.length} characters` : "none"}.</p>
      </section>
    </main>
  );
}
