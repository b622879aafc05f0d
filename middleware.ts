import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, prerenderedScriptHashes } from "@/lib/csp";
import { env } from "@/lib/env";
import { homeVariant, homeVariantHeader, isHomeVariantPath } from "@/lib/home-variant";
import { signInPath } from "@/lib/redirects";
import { isCrossOriginWrite } from "@/lib/request-origin";
import { sessionCookieName, sessionCookieOptions, usesSecureCookies } from "@/lib/session-cookie";
import { isIssuedSessionToken } from "@/lib/session-token";

const protectedPaths = ["/greeting", "/account"];
const prerenderedHashes = prerenderedScriptHashes();
const issuerOrigin = new URL(env.AUTH_GOOGLE_ISSUER ?? "https://accounts.google.com").origin;

/** The one name the site answers under (AUTH_URL's); without AUTH_URL, behind a trusted proxy, whatever it forwards. */
const canonicalOrigin = env.AUTH_URL ? new URL(env.AUTH_URL).origin : undefined;
const canonicalHost = canonicalOrigin && new URL(canonicalOrigin).host;

/**
 * A visitor on another name for the site (127.0.0.1 for localhost, www. for the apex) would start a sign-in whose
 * state cookies belong to that name and come back to the canonical one without them: send them there first.
 */
function toCanonicalHost(request: NextRequest): NextResponse | undefined {
  if (!canonicalOrigin) return undefined;
  // The canonical name in the Host, or in X-Forwarded-Host: a proxy's, or Next's own when it fetches the page a server
  // action redirects to from its listen address. Not a security check: forging it only skips a helpful redirect.
  const names = [request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0]?.trim()];
  if (names.some((name) => name?.toLowerCase() === canonicalHost)) return undefined;
  const { pathname, search } = request.nextUrl;
  // Concatenated, never resolved: a path like `//evil.example` stays a path on our origin.
  if (request.method === "GET" || request.method === "HEAD") return NextResponse.redirect(`${canonicalOrigin}${pathname}${search}`, 308);
  // A form posted from a page served under the other name (the prerendered `/` never sees the middleware): the same
  // page under the canonical name, to post again from there; a server action sent by script is told the same way
  // Next's client understands. Anything else is told where the site is.
  if (!pathname.startsWith("/api/")) {
    const samePage = `${canonicalOrigin}${pathname}${search}`;
    if (request.headers.has("next-action")) return new NextResponse(null, { status: 200, headers: { "x-action-redirect": samePage } });
    return NextResponse.redirect(samePage, 303);
  }
  return new NextResponse(`This site is ${canonicalOrigin}.`, { status: 421 });
}

const isProtected = (pathname: string) => protectedPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

/**
 * Every page but the public home: a Content-Security-Policy with a fresh nonce. Protected pages: a cheap first gate
 * on the session cookie (the pages look the session up themselves, once). `/` with a session cookie: the personal
 * home. A cookie we did not issue (its MAC fails) counts as none and is dropped, without touching the database.
 */
export async function middleware(request: NextRequest) {
  const misdirected = toCanonicalHost(request);
  if (misdirected) return misdirected;
  const { pathname, search } = request.nextUrl;
  // Auth.js's endpoints come here only for the canonical host check above.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (isCrossOriginWrite(request.method, request.headers)) return new NextResponse("Cross-site request refused.", { status: 403 });
  const secure = usesSecureCookies(request.headers.get("x-forwarded-proto"));
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy({ nonce, issuerOrigin, prerenderedHashes, https: secure, development: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from here and puts it on its own scripts.
  requestHeaders.set("content-security-policy", csp);

  const cookieName = sessionCookieName(secure);
  const token = request.cookies.get(cookieName)?.value;
  const signedIn = isIssuedSessionToken(token, env.AUTH_SECRET);

  // Only we name a twin of `/` (next.config.ts rewrites on it): never a visitor's own header.
  requestHeaders.delete(homeVariantHeader);
  const variant = pathname === "/" && !signedIn ? homeVariant(request.headers.get("user-agent")) : undefined;
  if (variant) requestHeaders.set(homeVariantHeader, variant);
  let response: NextResponse;
  if (isProtected(pathname) && !signedIn) {
    response = NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  } else if (pathname === "/" && signedIn) {
    // The home page is prerendered for visitors; someone with a session gets the personal variant. On request.url, the
    // address Next routes by (skipProxyUrlNormalize): nextUrl says `localhost` for 127.0.0.1, and Next proxies a
    // rewrite to another origin over HTTP, back to this very server.
    response = NextResponse.rewrite(new URL("/home", request.url), { request: { headers: requestHeaders } });
  } else if (isHomeVariantPath(pathname)) {
    // Internal twins of `/`, not pages of their own.
    response = NextResponse.rewrite(new URL("/_no-such-page", request.url), { request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", csp);
  if (token !== undefined && !signedIn) response.cookies.set(cookieName, "", { ...sessionCookieOptions(secure), maxAge: 0 });
  // The answer depends on the visitor's cookie: no shared cache may keep it.
  if (token !== undefined || isProtected(pathname)) response.headers.set("cache-control", "private, no-store");
  return response;
}

export const config = {
  runtime: "nodejs",
  matcher: [
    // Pages, and Auth.js's endpoints for the canonical host only: not the build's files, other APIs, the benchmark's
    // two reference pages (Next alone), icons and images; and not `/` itself, prerendered with its policy from
    // next.config.ts...
    "/((?!_next/static|_next/image|api/(?!auth/)|bench/(?:static|dynamic)$|icon\\.svg|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|jpg|webp|ico|txt|xml)$).+)",
    // ...unless the visitor has a session cookie (lib/session-cookie.ts names them; a matcher must be literal)...
    { source: "/", has: [{ type: "cookie", key: "authjs.session-token" }] },
    { source: "/", has: [{ type: "cookie", key: "__Host-authjs.session-token" }] },
    // ...or the request is a form post (server actions), which browsers always send with an Origin to check...
    { source: "/", has: [{ type: "header", key: "origin" }] },
    // ...or the request is a server action call, on any path: Next would answer another site's with a 500...
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    // ...or someone sends the header that names a twin of `/` (only the middleware may set it)...
    { source: "/", has: [{ type: "header", key: "x-nametag-home-variant" }] },
    // ...or a link-preview crawler asks, which gets the twin with run-time social links (lib/home-variant.ts).
    {
      source: "/",
      has: [{ type: "header", key: "user-agent", value: ".*(facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely).*" }],
    },
  ],
};
