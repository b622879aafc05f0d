import { NextRequest } from "next/server";

/**
 * Next gives route handlers a URL on the address it listens on (`localhost`), while Auth.js's server actions build
 * theirs from the Host header. When the host is trusted and AUTH_URL is unset, give the handlers the same origin,
 * so the redirect URI sent to Google at sign-in matches the one presented at the callback.
 */
export function withRequestOrigin(request: NextRequest, { trustHost }: { trustHost: boolean }): NextRequest {
  if (!trustHost) return request;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.slice(0, -1);
  if (!host || !/^https?$/.test(protocol)) return request;
  try {
    const origin = new URL(`${protocol}://${host}`).origin;
    return new NextRequest(new URL(request.nextUrl.pathname + request.nextUrl.search, origin), request);
  } catch {
    return request;
  }
}
