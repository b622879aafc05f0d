import type { BrowserContext, Page } from "@playwright/test";

/** An attacker's site, served by the browser itself: anything sent to evil.example gets this page instead of DNS. */
export function serveEvilSite(context: BrowserContext, html = "<h1>evil.example</h1>") {
  return context.route(
    (url) => url.hostname === "evil.example",
    (route) => route.fulfill({ contentType: "text/html", body: html }),
  );
}

/** Every response the browser got with a 5xx status, from any server: collected until the test reads it. */
export function watchServerErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) seen.push(`${response.status()} ${response.url()}`);
  });
  return seen;
}
