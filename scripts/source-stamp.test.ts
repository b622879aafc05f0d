import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsCurrent, sourceStamp, stampedSources, stampFile } from "./source-stamp";

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "source-stamp-"));
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return null; }");
  writeFileSync(path.join(root, "package-lock.json"), "{}");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function finishBuild(stamp = sourceStamp(root)) {
  mkdirSync(path.join(root, ".next"), { recursive: true });
  writeFileSync(path.join(root, ".next/BUILD_ID"), "id");
  writeFileSync(path.join(root, stampFile), stamp);
}

describe("sourceStamp / buildIsCurrent (what `npm start` uses to decide whether to build)", () => {
  it("is current right after a build, whatever the environment", () => {
    finishBuild();
    process.env.AUTH_GOOGLE_ID = "now-with-google";
    try {
      expect(buildIsCurrent(root)).toBe(true);
    } finally {
      delete process.env.AUTH_GOOGLE_ID;
    }
  });
  it("is not current with no build, or a build interrupted before its stamp", () => {
    expect(buildIsCurrent(root)).toBe(false);
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next/BUILD_ID"), "id");
    expect(buildIsCurrent(root)).toBe(false);
  });
  it("is not current after a source file or the lockfile changed, or a file was added", () => {
    finishBuild();
    writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return 1; }");
    expect(buildIsCurrent(root)).toBe(false);
    finishBuild();
    writeFileSync(path.join(root, "package-lock.json"), '{"changed":true}');
    expect(buildIsCurrent(root)).toBe(false);
    finishBuild();
    cpSync(path.join(root, "app/page.tsx"), path.join(root, "app/other.tsx"));
    expect(buildIsCurrent(root)).toBe(false);
  });
  it("tells a BENCH=1 build (with the benchmark's pages) from a plain one", () => {
    finishBuild(sourceStamp(root, true));
    expect(buildIsCurrent(root)).toBe(false);
  });
  it("ignores what is not built (tests' output, the stand-in, scripts)", () => {
    finishBuild();
    mkdirSync(path.join(root, "test-results"));
    writeFileSync(path.join(root, "test-results/x.txt"), "x");
    expect(buildIsCurrent(root)).toBe(true);
  });
});

describe("what the stamp covers", () => {
  /** Every top-level folder a stamped file imports through `@/`. */
  function foldersImportedBySite(): Set<string> {
    const imported = new Set<string>();
    const visit = (entry: string) => {
      if (statSync(entry).isDirectory()) return readdirSync(entry).forEach((name) => visit(path.join(entry, name)));
      if (!/\.(ts|tsx)$/.test(entry) || /\.test\.tsx?$/.test(entry)) return;
      const source = readFileSync(entry, "utf8");
      for (const [, folder] of source.matchAll(/from "@\/([\w-]+)\//g)) imported.add(folder!);
    };
    for (const source of stampedSources.filter((name) => !name.includes(".json"))) {
      try {
        visit(source);
      } catch {
        // A stamped entry this checkout does not have (public/ may be empty).
      }
    }
    return imported;
  }

  it("includes every folder the built site imports from, so changing one of them rebuilds", () => {
    expect([...foldersImportedBySite()].filter((folder) => !stampedSources.includes(folder))).toEqual([]);
  });
});
