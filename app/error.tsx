"use client";

// First: it takes the place of a route group's layout, and so of the site's base styles (app/site-body.tsx).
import "./globals.css";
import { WarningIcon } from "@/components/icons";
import { Panel } from "@/components/panel";

/** Whatever went wrong, the visitor gets a sentence and a way back, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page">
      <Panel icon={<WarningIcon />} tone="danger" title="Something went wrong">
        <p>This page could not be shown. Please try again in a moment.</p>
        <div className="actions">
          <button type="button" className="button button-primary" onClick={reset}>
            Try again
          </button>
          <a className="button button-secondary" href="/">
            Home page
          </a>
        </div>
      </Panel>
    </main>
  );
}
