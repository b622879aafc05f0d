import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/session-cookie";
import { signInPath } from "@/lib/redirects";

/**
 * A cheap first gate: it only looks for a session cookie, so it costs nearly nothing.
 * Protected pages verify the session themselves with `auth()`; this is never the only guard.
 */
export function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = hasSessionCookie(request.cookies);
  // The home page is prerendered for visitors; someone with a session gets the personal variant.
  if (pathname === "/") return signedIn ? NextResponse.rewrite(new URL("/home", request.url)) : NextResponse.next();
  if (!signedIn) return NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  return NextResponse.next();
}

export const config = {
  matcher: ["/", "/greeting/:path*", "/account/:path*"],
};
