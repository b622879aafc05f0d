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

const isProtected = (pathname: string) => protectedPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

/**
 * Every page but the public home: a Content-Security-Policy with a fresh nonce. Protected pages: a cheap first gate
 * on the session cookie (the pages look the session up themselves, once). `/` with a session cookie: the personal
 * home. A cookie we did not issue (its MAC fails) counts as none and is dropped, without touching the database.
 */
export async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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
    // The home page is prerendered for visitors; someone with a session gets the personal variant, rendered in place.
    const home = request.nextUrl.clone();
    home.pathname = "/home";
    response = NextResponse.rewrite(home, { request: { headers: requestHeaders } });
  } else if (isHomeVariantPath(pathname)) {
    // Internal twins of `/`, not pages of their own.
    const missing = request.nextUrl.clone();
    missing.pathname = "/_no-such-page";
    response = NextResponse.rewrite(missing, { request: { headers: requestHeaders } });
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
    // Pages only: not the build's files, not the API, not the benchmark's two reference pages (Next alone), not icons and images; and
    // not `/` itself, which is prerendered with its policy from next.config.ts...
    "/((?!_next/static|_next/image|api/|bench/(?:static|dynamic)$|icon\\.svg|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|jpg|webp|ico|txt|xml)$).+)",
    // ...unless the visitor has a session cookie (lib/session-cookie.ts names them; a matcher must be literal).
    { source: "/", has: [{ type: "cookie", key: "authjs.session-token" }] },
    { source: "/", has: [{ type: "cookie", key: "__Host-authjs.session-token" }] },
    // ...or the request is a form post (server actions), which browsers always send with an Origin to check...
    { source: "/", has: [{ type: "header", key: "origin" }] },
    // ...or someone sends the header that names a twin of `/` (only the middleware may set it)...
    { source: "/", has: [{ type: "header", key: "x-nametag-home-variant" }] },
    // ...or a link-preview crawler asks, which gets the twin with run-time social links (lib/home-variant.ts).
    {
      source: "/",
      has: [{ type: "header", key: "user-agent", value: ".*(facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely).*" }],
    },
  ],
};
