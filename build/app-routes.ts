import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AppRoute } from "../lib/route-pattern";

/** The build's routes (pages and route handlers), as Next lists them in routes-manifest.json; none without a build. */
export function appRoutes(distDir = path.join(process.cwd(), ".next")): AppRoute[] {
  const file = path.join(distDir, "routes-manifest.json");
  if (!existsSync(file)) return [];
  const { staticRoutes = [], dynamicRoutes = [] } = JSON.parse(readFileSync(file, "utf8")) as {
    staticRoutes?: AppRoute[];
    dynamicRoutes?: AppRoute[];
  };
  return [...staticRoutes, ...dynamicRoutes].map(({ page, regex }) => ({ page, regex }));
}
