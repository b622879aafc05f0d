import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signedInPages, signedInRoutes } from "./signed-in-routes";

function appWith(...pages: string[]): string {
  const app = mkdtempSync(path.join(tmpdir(), "app-"));
  for (const page of pages) {
    mkdirSync(path.join(app, path.dirname(page)), { recursive: true });
    writeFileSync(path.join(app, page), "export default function Page() {}");
  }
  return app;
}

describe("signedInRoutes", () => {
  it("lists the group's top-level paths that have a page, through nested groups, and nothing outside the group", () => {
    const app = appWith(
      "(signed-in)/layout.tsx",
      "(signed-in)/greeting/page.tsx",
      "(signed-in)/account/delete/page.tsx",
      "(signed-in)/(settings)/billing/page.tsx",
      "(signed-in)/_parts/card.tsx",
      "(signed-in)/drafts/notes.md",
      "(public)/signin/page.tsx",
    );
    expect(signedInRoutes(app)).toEqual(["/account", "/billing", "/greeting"]);
    expect(signedInPages(app)).toEqual(["/account/delete", "/billing", "/greeting"]);
  });

  it("refuses a dynamic segment at the top of the group, which would guard every path", () => {
    expect(() => signedInRoutes(appWith("(signed-in)/[slug]/page.tsx"))).toThrow(/dynamic segment/);
  });
});
