/**
 * Keeps a post-sign-in destination on this site: only a same-origin path survives, anything else becomes `fallback`.
 * Browsers treat `\` like `/` and ignore tabs and newlines in URLs, so `/\evil.example` is `//evil.example`.
 */
export function safeCallbackUrl(candidate: string | string[] | null | undefined, fallback = "/greeting"): string {
  const value = Array.isArray(candidate) ? candidate[0] : candidate;
  if (!value) return fallback;
  const cleaned = value.replace(/[\u0000-\u001f\u007f]/g, "").replace(/\\/g, "/");
  if (!cleaned.startsWith("/") || cleaned.startsWith("//")) return fallback;
  const base = "http://site.invalid";
  let url: URL;
  try {
    url = new URL(cleaned, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
/** Where a signed-out visitor is sent, remembering where they were going. */
export function signInPath(returnTo: string): string {
  return `/signin?${new URLSearchParams({ callbackUrl: returnTo })}`;
}
