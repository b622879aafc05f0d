import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, prerenderedScriptHashes } from "@/lib/csp";
import { demoMode, env } from "@/lib/env";
import { homeVariant, homeVariantHeader, isHomeVariantPath } from "@/lib/home-variant";
import { signInPath } from "@/lib/redirects";
import { isCrossOriginWrite } from "@/lib/request-origin";
import { renewCookieName, sessionCookieName, usesSecureCookies } from "@/lib/session-cookie";
import { renewSession, type Renewal } from "@/lib/session-renewal";

const protectedPaths = ["/greeting", "/account"];
const prerenderedHashes = prerenderedScriptHashes();
const issuerOrigin = new URL(env.AUTH_GOOGLE_ISSUER ?? "https://accounts.google.com").origin;

const isProtected = (pathname: string) => protectedPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

/**
 * Every page: a Content-Security-Policy with a fresh nonce. Protected pages: a cheap first gate that only looks for
 * the session cookie (the pages verify the session themselves). Signed-in visitors: the session renewed now and then.
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

  // Only a cookie's presence counts here, unless it is due for renewal: then it is decrypted and checked.
  const token = request.cookies.get(sessionCookieName(secure))?.value;
  const renewal: Renewal | undefined = token
    ? await renewSession(token, request.cookies.get(renewCookieName(secure))?.value, secure, Math.floor(Date.now() / 1000))
    : undefined;
  const signedIn = renewal !== undefined && renewal.state !== "ended";

  // Only we name a twin of `/` (next.config.ts rewrites on it): never a visitor's own header.
  requestHeaders.delete(homeVariantHeader);
  const variant = pathname === "/" && !signedIn ? homeVariant(request.headers.get("user-agent"), demoMode) : undefined;
  if (variant) requestHeaders.set(homeVariantHeader, variant);
  let response: NextResponse;
  if (isProtected(pathname) && !signedIn) {
    response = NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  } else if (pathname === "/" && signedIn) {
    // The home page is prerendered for visitors; someone with a session gets the personal variant.
    response = NextResponse.rewrite(new URL("/home", request.url), { request: { headers: requestHeaders } });
  } else if (isHomeVariantPath(pathname)) {
    // Internal twins of `/`, not pages of their own (the demo twin would show a badge on a server talking to Google).
    response = NextResponse.rewrite(new URL("/_no-such-page", request.url), { request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", csp);
  if (renewal) applyRenewal(response, renewal, secure);
  // The answer depends on the visitor's cookie: no shared cache may keep it.
  if (renewal || isProtected(pathname)) response.headers.set("cache-control", "private, no-store");
  return response;
}

function applyRenewal(response: NextResponse, renewal: Renewal, secure: boolean) {
  const options = { httpOnly: true, sameSite: "lax", secure, path: "/" } as const;
  if (renewal.state === "ended") {
    response.cookies.set(sessionCookieName(secure), "", { ...options, maxAge: 0 });
    response.cookies.set(renewCookieName(secure), "", { ...options, maxAge: 0 });
  } else if (renewal.state === "renewed") {
    response.cookies.set(sessionCookieName(secure), renewal.token, { ...options, maxAge: renewal.maxAge });
    response.cookies.set(renewCookieName(secure), String(renewal.renewAt), { ...options, maxAge: renewal.maxAge });
  }
}

export const config = {
  runtime: "nodejs",
  // Pages only: not the build's static files, not Auth.js's endpoints, not icons and images.
  matcher: ["/((?!_next/static|_next/image|api/|icon\\.svg|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|jpg|webp|ico|txt|xml)$).*)"],
};
