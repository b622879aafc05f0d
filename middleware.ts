import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, prerenderedScriptHashes } from "@/lib/csp";
import { env } from "@/lib/env";
import { signInPath } from "@/lib/redirects";
import { isCrossOriginWrite } from "@/lib/request-origin";
import { renewCookieName, sessionCookieName, usesSecureCookies } from "@/lib/session-cookie";
import { renewSession, type Renewal } from "@/lib/session-renewal";

const protectedPaths = ["/greeting", "/account"];
const prerenderedHashes = prerenderedScriptHashes();
const issuerOrigin = new URL(env.AUTH_GOOGLE_ISSUER ?? "https://accounts.google.com").origin;

/** The one name the site answers under (AUTH_URL's); without AUTH_URL, behind a trusted proxy, whatever it forwards. */
const canonicalOrigin = env.AUTH_URL ? new URL(env.AUTH_URL).origin : undefined;

/**
 * A visitor on another name for the site (127.0.0.1 for localhost, www. for the apex) would start a sign-in whose
 * state cookies belong to that name and come back to the canonical one without them: send them there first.
 */
function toCanonicalHost(request: NextRequest): NextResponse | undefined {
  if (!canonicalOrigin) return undefined;
  const forwarded = env.AUTH_TRUST_HOST ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = (forwarded || request.headers.get("host"))?.toLowerCase();
  if (host === new URL(canonicalOrigin).host) return undefined;
  const { pathname, search } = request.nextUrl;
  // Concatenated, never resolved: a path like `//evil.example` stays a path on our origin.
  if (request.method === "GET" || request.method === "HEAD") return NextResponse.redirect(`${canonicalOrigin}${pathname}${search}`, 308);
  return new NextResponse(`This site is ${canonicalOrigin}.`, { status: 421 });
}

const isProtected = (pathname: string) => protectedPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

/**
 * Every page: a Content-Security-Policy with a fresh nonce. Protected pages: a cheap first gate that only looks for
 * the session cookie (the pages verify the session themselves). Signed-in visitors: the session renewed now and then.
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

  // Only a cookie's presence counts here, unless it is due for renewal: then it is decrypted and checked.
  const token = request.cookies.get(sessionCookieName(secure))?.value;
  const renewal: Renewal | undefined = token
    ? await renewSession(token, request.cookies.get(renewCookieName(secure))?.value, secure, Math.floor(Date.now() / 1000))
    : undefined;
  const signedIn = renewal !== undefined && renewal.state !== "ended";

  let response: NextResponse;
  if (isProtected(pathname) && !signedIn) {
    response = NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  } else if (pathname === "/" && signedIn) {
    // The home page is prerendered for visitors; someone with a session gets the personal variant. On request.url, the
    // address Next routes by (skipProxyUrlNormalize): nextUrl says `localhost` for 127.0.0.1, and Next proxies a
    // rewrite to another origin over HTTP, back to this very server.
    response = NextResponse.rewrite(new URL("/home", request.url), { request: { headers: requestHeaders } });
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
  // Pages, and Auth.js's endpoints for the canonical host only: not the build's static files, other APIs, icons, images.
  matcher: ["/((?!_next/static|_next/image|api/(?!auth/)|icon\\.svg|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|jpg|webp|ico|txt|xml)$).*)"],
};
