import { expect, test } from "@playwright/test";

test("the benchmark's reference pages are not part of the site", async ({ request }) => {
  for (const path of ["/bench/static", "/bench/dynamic"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    // The middleware skips these paths (the bench measures Next.js alone): the config's headers still apply.
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
  }
});
