/**
 * What a build was made from: a hash of the files `next build` reads, the lockfile and the BENCH flag. `npm start`
 * builds again only when this differs from the stamp the last build left in `.next/` (never for the environment).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Everything the Next build compiles or copies; tests, scripts and the stand-in run from source and are not built. */
export const stampedSources = [
  "app",
  "build",
  "components",
  "config",
  "db",
  "lib",
  "server",
  "public",
  "types",
  "auth.ts",
  "middleware.ts",
  "instrumentation.ts",
  "next.config.ts",
  "tsconfig.json",
  "package-lock.json",
];

export const stampFile = ".next/source-stamp";

function* filesUnder(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (!statSync(entry).isDirectory()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) yield* filesUnder(path.join(entry, name));
}

export function sourceStamp(root = process.cwd(), bench = process.env.BENCH === "1"): string {
  const hash = createHash("sha256").update(bench ? "bench\n" : "site\n");
  for (const source of stampedSources)
    for (const file of filesUnder(path.join(root, source)))
      hash.update(`${path.relative(root, file)}\n`).update(readFileSync(file));
  return hash.digest("hex");
}

/** True when `.next/` holds a finished build of exactly this source. */
export function buildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, stampFile);
  return (
    existsSync(path.join(root, ".next/BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === sourceStamp(root)
  );
}
