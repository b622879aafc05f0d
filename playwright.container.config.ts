import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run test:container` runs this after building the image (scripts/container-test.ts): the image's own checks, in
 * Chromium as the e2e tests run it, with no web server of ours (the container is the site).
 */
export default defineConfig({
  ...base,
  testDir: "scripts/container",
  reporter: [["list"]],
  // One container, checked in order and stopped last.
  workers: 1,
  timeout: 60_000,
  projects: base.projects?.slice(0, 1),
  webServer: undefined,
});
