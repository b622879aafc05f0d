import { NextResponse, type NextRequest } from "next/server";
import { prerenderedScriptHashes } from "@/build/prerendered-pages";
import { newNonce, policyForNonce } from "@/lib/csp";
import { env, issuerOrigin } from "@/config/env";
import { homeTwinFor, homeTwinHeader, homeTwins, isHomeTwinPath, notFoundPath } from "@/lib/home-twins";
import { signInPath } from "@/lib/redirects";
import { toCanonicalHost } from "@/server/canonical-host";
import { isCrossOriginWrite } from "@/server/request-origin";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth-cookies";
import { returnToHeader, usesSecureCookies } from "@/server/session";
import { isIssuedSessionToken } from "@/lib/session-token";

/** The top-level paths of app/(signed-in)/'s pages (build/signed-in-routes.ts, inlined by next.config.ts at build time). */
const signedInRoutes = (process.env.NAMETAG_SIGNED_IN_ROUTES ?? "").split(",").filter(Boolean);
const prerenderedHashes = prerenderedScriptHashes();
const [httpPolicy, httpsPolicy] = [false, true].map((https) =>
  policyForNonce({ issuerOrigin, prerenderedHashes, https, development: env.NODE_ENV === "development" }),
) as [(nonce: string) => string, (nonce: string) => string];

const isSignedInPage = (pathname: string) =>
  signedInRoutes.some((path) => pathname === path || pathname.startsWith(`${path}/`));

/**
 * Every page but the public home: a Content-Security-Policy with a fresh nonce. Signed-in pages: a cheap first gate
 * on the session cookie (their layout looks the session up, once per request). `/` with a session cookie: the personal
 * home. A cookie we did not issue (its MAC fails) counts as none and is dropped, without touching the database.
 */
export async function middleware(request: NextRequest) {
  const misdirected = toCanonicalHost(request);
  if (misdirected) return misdirected;
  const { pathname, search } = request.nextUrl;
  // Auth.js's endpoints come here only for the canonical host check above.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (isCrossOriginWrite(request.method, request.headers))
    return new NextResponse("Cross-site request refused.", { status: 403 });
  const secure = usesSecureCookies(request.headers.get("x-forwarded-proto"));
  const csp = (secure ? httpsPolicy : httpPolicy)(newNonce());
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from here and puts it on its own scripts.
  requestHeaders.set("content-security-policy", csp);

  const cookieName = sessionCookieName(secure);
  const token = request.cookies.get(cookieName)?.value;
  const signedIn = isIssuedSessionToken(token, env.AUTH_SECRET);

  // Where a signed-in page sends the visitor back to after sign-in (server/session.ts): ours, never a visitor's.
  requestHeaders.set(returnToHeader, pathname + search);
  // Only we name a twin of `/` (next.config.ts rewrites on it): never a visitor's own header.
  requestHeaders.delete(homeTwinHeader);
  const twin = pathname === "/" ? homeTwinFor({ signedIn, userAgent: request.headers.get("user-agent") }) : undefined;
  if (twin === "linkPreview") requestHeaders.set(homeTwinHeader, twin);
  let response: NextResponse;
  if (isSignedInPage(pathname) && !signedIn) {
    response = NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  } else if (twin === "signedIn") {
    // The home page is prerendered for visitors; someone with a session gets the personal variant. On request.url, the
    // address Next routes by (skipProxyUrlNormalize): nextUrl says `localhost` for 127.0.0.1, and Next proxies a
    // rewrite to another origin over HTTP, back to this very server.
    response = NextResponse.rewrite(new URL(homeTwins.signedIn, request.url), { request: { headers: requestHeaders } });
  } else if (isHomeTwinPath(pathname)) {
    // Internal twins of `/`, not pages of their own.
    response = NextResponse.rewrite(new URL(notFoundPath, request.url), { request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", csp);
  if (token !== undefined && !signedIn)
    response.cookies.set(cookieName, "", { ...sessionCookieOptions(secure), maxAge: 0 });
  // The answer depends on the visitor's cookie: no shared cache may keep it.
  if (token !== undefined || isSignedInPage(pathname)) response.headers.set("cache-control", "private, no-store");
  return response;
}

export const config = {
  runtime: "nodejs",
  matcher: [
    // Pages, and Auth.js's endpoints for the canonical host only: not the build's files, other APIs, the benchmark's
    // two reference pages (Next alone), icons and images; and not `/` itself, prerendered with its policy from
    // next.config.ts...
    "/((?!_next/static|_next/image|api/(?!auth/)|bench/(?:static|dynamic)$|icon\\.svg|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|jpg|webp|ico|txt|xml)$).+)",
    // ...unless the visitor has a session cookie (lib/auth-cookies.ts names them; a matcher must be literal)...
    { source: "/", has: [{ type: "cookie", key: "authjs.session-token" }] },
    { source: "/", has: [{ type: "cookie", key: "__Host-authjs.session-token" }] },
    // ...or the request is a form post (server actions), which browsers always send with an Origin to check...
    { source: "/", has: [{ type: "header", key: "origin" }] },
    // ...or the request is a server action call, on any path: Next would answer another site's with a 500...
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    // ...or someone sends the header that names a twin of `/` (only the middleware may set it)...
    { source: "/", has: [{ type: "header", key: "x-nametag-home-twin" }] },
    // ...or a link-preview crawler asks, which gets the twin with run-time social links (lib/home-twins.ts).
    {
      source: "/",
      has: [
        {
          type: "header",
          key: "user-agent",
          value:
            ".*(facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|redditbot|vkShare|Pinterest|Embedly|quora link preview|bitlybot|Mastodon|Iframely).*",
        },
      ],
    },
  ],
};
