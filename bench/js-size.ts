import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

interface RouteBundleStats {
  route: string;
  firstLoadChunkPaths: string[];
}

export interface RouteJs {
  route: string;
  /** Gzip at zlib's default level, as `next start` compresses them. */
  gzipBytes: number;
  bytes: number;
  chunks: number;
}

/** First-load JavaScript of each route, from the build's own list (`next build` no longer prints it). */
export function firstLoadJs(routes: string[], statsFile = ".next/diagnostics/route-bundle-stats.json"): RouteJs[] {
  const stats = JSON.parse(readFileSync(statsFile, "utf8")) as RouteBundleStats[];
  return routes.map((route) => {
    const entry = stats.find((candidate) => candidate.route === route);
    if (!entry) throw new Error(`${statsFile} has no route ${route}`);
    let gzipBytes = 0;
    let bytes = 0;
    for (const chunk of entry.firstLoadChunkPaths) {
      const source = readFileSync(chunk);
      bytes += source.length;
      gzipBytes += gzipSync(source).length;
    }
    return { route, gzipBytes, bytes, chunks: entry.firstLoadChunkPaths.length };
  });
}
