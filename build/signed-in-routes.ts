import { readdirSync } from "node:fs";
import path from "node:path";

/** Route groups (`(name)`) add no path segment; private folders (`_name`) and parallel slots (`@name`) are not routes. */
const isRouteSegment = (name: string) => !/^[(_@]/.test(name);

const hasPage = (dir: string): boolean =>
  readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasPage(path.join(dir, entry.name)) : /^page\.[jt]sx?$/.test(entry.name),
  );

/**
 * The top-level paths of the pages in app/(signed-in)/ (nested route groups included): the middleware's cheap gate
 * on the session cookie covers exactly these, so a page put in the group is guarded with no other edit. Read when
 * next.config.ts loads (build and development server) and handed to the middleware in the build.
 */
export function signedInRoutes(appDir = path.join(process.cwd(), "app")): string[] {
  const routes = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name.startsWith("(")) visit(path.join(dir, entry.name));
      else if (isRouteSegment(entry.name) && hasPage(path.join(dir, entry.name))) {
        if (entry.name.startsWith("["))
          throw new Error(`app/(signed-in): a dynamic segment at the top (${entry.name}) would guard every path`);
        routes.add(`/${entry.name}`);
      }
    }
  };
  visit(path.join(appDir, "(signed-in)"));
  return [...routes].sort();
}
