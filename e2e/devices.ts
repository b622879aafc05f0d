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
