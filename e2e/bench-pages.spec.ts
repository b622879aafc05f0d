import { expect, test } from "@playwright/test";

test("the benchmark's reference pages are not part of the site", async ({ request }) => {
  for (const path of ["/bench/static", "/bench/dynamic"]) expect((await request.get(path)).status(), path).toBe(404);
});
