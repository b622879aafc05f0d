import { readdirSync } from "node:fs";
import path from "node:path";

const isPage = (name: string) => /^page\.[jt]sx?$/.test(name);

/**
 * Every page in app/(signed-in)/, as the address it is served at: route groups (`(name)`) add no segment; private
 * folders (`_name`) and parallel slots (`@name`) hold no routes.
 */
export function signedInPages(appDir = path.join(process.cwd(), "app")): string[] {
  const visit = (dir: string, address: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (!entry.isDirectory()) return isPage(entry.name) ? [address || "/"] : [];
      if (/^[_@]/.test(entry.name)) return [];
      const segment = entry.name.startsWith("(") ? "" : `/${entry.name}`;
      return visit(path.join(dir, entry.name), address + segment);
    });
  return visit(path.join(appDir, "(signed-in)"), "").sort();
}

/**
 * The top-level paths of those pages: the middleware's cheap gate on the session cookie covers exactly these, so a
 * page put in the group is guarded with no other edit. Read when next.config.ts loads (build and development
 * server) and handed to the middleware in the build.
 */
export function signedInRoutes(appDir = path.join(process.cwd(), "app")): string[] {
  const routes = new Set<string>();
  for (const page of signedInPages(appDir)) {
    const top = page.split("/")[1];
    if (!top) continue;
    if (top.startsWith("["))
      throw new Error(`app/(signed-in): a dynamic segment at the top (${top}) would guard every path`);
    routes.add(`/${top}`);
  }
  return [...routes].sort();
}
