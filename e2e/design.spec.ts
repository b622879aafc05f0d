import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";

test("the sign-in button shows that it is busy while the redirect to Google starts", async ({ page }) => {
  await page.goto("/");
  const button = page.getByRole("button", { name: "Sign in with Google" });
  await expect(button).not.toHaveAttribute("aria-disabled", "true");
  // Hold the server action's answer until the busy state has been seen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("/", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await button.click();
  await expect(button).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByRole("status")).toHaveText("Opening Google…");
  release();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("button", { name: "Sign in with Google" })).not.toHaveAttribute("aria-disabled", "true");
});

/** The share of pixels inside the circle of two round avatar PNGs that differ visibly (edges left out: antialiasing varies). */
function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const pixels = async (base64: string) => {
        // An <img> rather than fetch(): the site's Content-Security-Policy allows data: images, not data: requests.
        const bitmap = new Image();
        bitmap.src = `data:image/png;base64,${base64}`;
        await bitmap.decode();
        const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d")!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = [await pixels(first), await pixels(second)];
      const radius = x.width / 2 - 2;
      let inside = 0;
      let differing = 0;
      for (let row = 0; row < x.height; row++)
        for (let column = 0; column < x.width; column++) {
          if (Math.hypot(column + 0.5 - x.width / 2, row + 0.5 - x.height / 2) > radius) continue;
          inside++;
          const i = (row * x.width + column) * 4;
          if ([0, 1, 2].some((channel) => Math.abs(x.data[i + channel]! - y.data[i + channel]!) > 24)) differing++;
        }
      return differing / inside;
    },
    [a.toString("base64"), b.toString("base64")] as const,
  );
}

/** The avatar in the page (not the one in the closed menu), the initials it draws beneath its picture, the picture. */
function greetingAvatar(page: Page) {
  const avatar = page.getByRole("main").locator("span[data-initials]");
  const initials = () => avatar.evaluate((element) => getComputedStyle(element, "::before").content);
  return { avatar, initials, picture: avatar.locator("img") };
}

test("a picture that fails to load leaves the person's initials showing", async ({ page }) => {
  // The picture host is unreachable; everything else works.
  await page.route(/\/avatars\//, (route) => route.abort());
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const { avatar, initials, picture } = greetingAvatar(page);
  await expect.poll(initials).toBe('"AL"');
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(0);
  // No broken-image glyph over the initials: the avatar looks as it does with no picture at all.
  const broken = await avatar.screenshot();
  await picture.evaluate((img) => img.remove());
  expect(await differingPixels(page, broken, await avatar.screenshot())).toBe(0);
});

test("an account without a picture gets initials in a colour of its own", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Alan Turing/);
  await expect(page.getByRole("heading", { name: "Hello, alan@example.com!" })).toBeVisible();
  const { avatar, initials, picture } = greetingAvatar(page);
  await expect.poll(initials).toBe('"AT"');
  await expect(picture).toHaveCount(0);
  await expect(avatar).toHaveCSS("background-color", /^rgb\(/);
});

test("pages do not shift while they load, even when pictures arrive late", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  for (const path of ["/", "/greeting", "/account", "/signin/error?error=AccessDenied"]) {
    // Pictures are held back until the page has been drawn, as on a slow picture host.
    let release = () => {};
    const drawn = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/avatars\//, async (route) => {
      await drawn;
      await route.continue();
    });
    await page.goto(path, { waitUntil: "domcontentloaded" });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    release();
    await page.waitForLoadState("load");
    await page.evaluate(() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => {}))));
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += (entry as PerformanceEntry & { value: number }).value;
          }).observe({ type: "layout-shift", buffered: true });
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
        }),
    );
    expect(shift, `layout shift on ${path}`).toBe(0);
    await page.unroute(/\/avatars\//);
  }
});

test("each page has its own title, a description, a language, an icon and a social preview that loads", async ({
  page,
  request,
}) => {
  const titles = new Set<string>();
  // Prerendered pages (built without knowing the public origin) carry no social links; crawlers get `/` with them.
  const prerendered = new Set(["/", "/no/such/page"]);
  for (const path of ["/", "/signin", "/signin/error?error=AccessDenied", "/no/such/page"]) {
    await page.goto(path);
    titles.add(await page.title());
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /\w{3,}/);
    const social = ['meta[property="og:image"]', 'meta[name="twitter:image"]'];
    if (prerendered.has(path)) for (const selector of social) await expect(page.locator(selector)).toHaveCount(0);
    for (const selector of [
      'link[rel="icon"]',
      'link[rel="apple-touch-icon"]',
      ...(prerendered.has(path) ? [] : social),
    ]) {
      const element = page.locator(selector).first();
      const url = new URL((await element.getAttribute("href")) ?? (await element.getAttribute("content"))!, page.url());
      // Absolute preview links name the configured origin; the file itself is served by this site.
      const response = await request.get(url.pathname + url.search);
      expect(response.status(), `${selector} on ${path}`).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^image\//);
    }
  }
  expect(titles.size).toBe(4);
  const forCrawlers = await (await request.get("/", { headers: { "user-agent": "facebookexternalhit/1.1" } })).text();
  const image = /<meta property="og:image" content="([^"]+)"/.exec(forCrawlers)?.[1];
  expect(image, "og:image of / for a link-preview crawler").toBeDefined();
  const response = await request.get(new URL(image!).pathname);
  expect(response.headers()["content-type"]).toMatch(/^image\//);
});
