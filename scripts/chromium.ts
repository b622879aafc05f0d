/**
 * The Chromium that the browser tests (playwright*.config.ts) and Lighthouse (bench/lighthouse.ts) run. This machine
 * cannot download Playwright's browsers: Debian's Chromium is used when it is there.
 */
import { existsSync } from "node:fs";

export const debianChromium = "/usr/bin/chromium";
export const hasDebianChromium = existsSync(debianChromium);

/** Without the networking flags Chromium keeps trying to reach outside hosts. */
export const quietChromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
