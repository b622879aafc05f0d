/** Stands in for our origin when the caller does not know it: only paths (or URLs on this very origin) survive. */
const placeholderOrigin = "http://site.invalid";
/** Longer than any of our paths; a longer destination is someone's experiment, not a place on this site. */
const maxLength = 2048;

const firstOf = (candidate: string | string[] | null | undefined) =>
  Array.isArray(candidate) ? candidate[0] : candidate;

/** Parses `value` as browsers would read it in a Location header sent from `origin`; only absolute URLs and paths. */
function resolve(value: string, origin: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    // Not absolute: only a path (browsers read `\` as `/` and drop leading blanks, tabs and newlines) is ours to resolve.
    if (!/^[\u0000-\u0020]*[/\\]/.test(value)) return undefined;
    try {
      return new URL(value, origin);
    } catch {
      return undefined;
    }
  }
}

/**
 * Keeps a post-sign-in destination on this site. The destination is parsed first (dot segments, encoded dots,
 * backslashes, tabs and newlines resolved as a browser does) and kept only when the parsed origin is ours and the path
 * we hand on cannot be read as another host (`//host`, `/\host`); anything else becomes `fallback`.
 */
export function safeCallbackUrl(
  candidate: string | string[] | null | undefined,
  fallback = "/greeting",
  origin = placeholderOrigin,
): string {
  const value = firstOf(candidate);
  if (!value || value.length > maxLength) return fallback;
  const url = resolve(value, origin);
  if (!url || url.origin !== new URL(origin).origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/%2F…` is harmless to browsers, but a proxy that decodes before it normalises would read `//host`: none of ours.
  if (!path.startsWith("/") || /^\/(?:[/\\]|%2f|%5c)/i.test(path)) return fallback;
  return path;
}

/** Where a signed-out visitor is sent, remembering where they were going. */
export function signInPath(returnTo: string): string {
  return `/signin?${new URLSearchParams({ callbackUrl: returnTo })}`;
}
