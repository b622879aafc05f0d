import { test as base, type BrowserContextOptions, type Page } from "@playwright/test";

/** `newDevice()` opens another browser, with cookies of its own, as if on another device (its user agent, if given). */
export const test = base.extend<{ newDevice: (options?: BrowserContextOptions) => Promise<Page> }>({
  newDevice: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (options) => {
      const context = await browser.newContext({ ...options, baseURL });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** A device the tests' Chromium is not: a sign-in with it counts as a new device for the account. */
export const firefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
