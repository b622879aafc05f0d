/** One of the app's routes as Next's build lists them: its pattern (`/api/auth/[...nextauth]`) and its regex. */
export interface AppRoute {
  page: string;
  regex: string;
}

export interface RouteTable {
  match(pathname: string): string;
}

/**
 * What a request's path is for the metrics: the route it reached (`/api/auth/[...nextauth]`, never the path itself),
 * `/_next/static` for the build's files, and `(unmatched)` for anything else, so a scan of random paths adds no series.
 */
export function routeTable(routes: readonly AppRoute[]): RouteTable {
  const exact = new Set(routes.filter((route) => !route.page.includes("[")).map((route) => route.page));
  const dynamic = routes
    .filter((route) => route.page.includes("["))
    .map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return {
    match(pathname) {
      const path = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
      if (exact.has(path)) return path;
      if (path.startsWith("/_next/static/")) return "/_next/static";
      if (path.startsWith("/_next/image")) return "/_next/image";
      return dynamic.find((route) => route.regex.test(path))?.page ?? "(unmatched)";
    },
  };
}
