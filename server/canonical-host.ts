import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/config/env";

/** The one name the site answers under (AUTH_URL's); without AUTH_URL, behind a trusted proxy, whatever it forwards. */
const canonicalOrigin = env.AUTH_URL ? new URL(env.AUTH_URL).origin : undefined;
const canonicalHost = canonicalOrigin && new URL(canonicalOrigin).host;

/**
 * A visitor on another name for the site (127.0.0.1 for localhost, www. for the apex) would start a sign-in whose
 * state cookies belong to that name and come back to the canonical one without them: send them there first.
 */
export function toCanonicalHost(request: NextRequest): NextResponse | undefined {
  if (!canonicalOrigin) return undefined;
  // The canonical name in the Host, or in X-Forwarded-Host: a proxy's, or Next's own when it fetches the page a server
  // action redirects to from its listen address. Not a security check: forging it only skips a helpful redirect.
  const names = [request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0]?.trim()];
  if (names.some((name) => name?.toLowerCase() === canonicalHost)) return undefined;
  const { pathname, search } = request.nextUrl;
  // Concatenated, never resolved: a path like `//evil.example` stays a path on our origin.
  if (request.method === "GET" || request.method === "HEAD")
    return NextResponse.redirect(`${canonicalOrigin}${pathname}${search}`, 308);
  // A form posted from a page served under the other name (the prerendered `/` never sees the middleware): the same
  // page under the canonical name, to post again from there; a server action sent by script is told the same way
  // Next's client understands. Anything else is told where the site is.
  if (!pathname.startsWith("/api/")) {
    const samePage = `${canonicalOrigin}${pathname}${search}`;
    if (request.headers.has("next-action"))
      return new NextResponse(null, { status: 200, headers: { "x-action-redirect": samePage } });
    return NextResponse.redirect(samePage, 303);
  }
  return new NextResponse(`This site is ${canonicalOrigin}.`, { status: 421 });
}
