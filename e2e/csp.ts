import type { Page } from "@playwright/test";

/** The directive of a Content-Security-Policy, e.g. `script-src 'self' 'nonce-…'`. */
export function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.split(" ")[0] === name);
}

/**
 * Everything the browser blocks under our CSP while our pages load and run. Chromium does not pass its CSP console
 * messages to Playwright, so listen for the DOM's own violation events, on every page, from the first script on.
 */
export async function watchCspViolations(page: Page, origin: string): Promise<() => Promise<string[]>> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (where: string, violation: string) => {
    if (new URL(where).origin === origin) violations.push(`${where}: ${violation}`);
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (where: string, violation: string) => void })
      .reportCspViolation;
    document.addEventListener("securitypolicyviolation", (event) =>
      report(location.href, `${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => {
    // A round trip to the page, so that reports it already sent have arrived.
    await page.evaluate(() => undefined);
    return violations;
  };
}
