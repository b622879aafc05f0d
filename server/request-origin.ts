import "server-only";
import { NextRequest } from "next/server";

/**
 * Next gives route handlers a URL on the address it listens on (`localhost`), while Auth.js's server actions build
 * theirs from the Host header. When the host is trusted and AUTH_URL is unset, give the handlers the same origin,
 * so the redirect URI sent to Google at sign-in matches the one presented at the callback.
 */
export function withRequestOrigin(
  request: NextRequest,
  { originFromRequest }: { originFromRequest: boolean },
): NextRequest {
  if (!originFromRequest) return request;
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

/**
 * A state-changing request sent from another site's page (its Origin is not our host). Next refuses such server
 * action calls with a 500; we answer them with a 403 first. Same comparison as Next: the forwarded host, or the Host.
 */
export function isCrossOriginWrite(method: string, headers: Headers): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    // `Origin: null` (a sandboxed or privacy-sensitive context) is never ours.
    return true;
  }
}
