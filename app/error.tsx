"use client";

import Link from "next/link";

/** Whatever went wrong, the visitor gets a sentence and a way back, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <section className="card">
        <h1>Something went wrong</h1>
        <p>This page could not be shown. Please try again in a moment.</p>
        <p className="actions">
          <button type="button" className="button-primary" onClick={reset}>
            Try again
          </button>
          <Link href="/">Home page</Link>
        </p>
      </section>
    </main>
  );
}
