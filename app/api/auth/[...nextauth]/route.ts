import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { endSessionByToken } from "@/db/session-queries";
import { authPagesPolicy } from "@/lib/csp";
import { inSpan } from "@/lib/spans";
import { originFromRequest } from "@/config/env";
import { withRequestOrigin } from "@/server/request-origin";
import { sessionCookieName } from "@/lib/auth-cookies";
import { signInErrorPage, signInProblem } from "@/lib/sign-in-problems";
import { countSignIn } from "@/server/metrics";
import { getSession, usesSecureCookies } from "@/server/session";
import { isStoreUnavailable, notChangedPath, retryAfterSeconds } from "@/server/store-outage";
import { traceSignIn, withReference } from "@/server/sign-in-failure";
import { withinNetworkLimit } from "@/server/rate-limit";

/**
 * Auth.js's answers set or read session cookies: never let a shared cache keep one. Its HTML pages get a CSP too.
 * A failure logged while answering sends its reference on to our error page.
 */
async function privateResponse(handle: () => Promise<Response>): Promise<Response> {
  const { result: response, trace } = await traceSignIn(handle);
  // Auth.js's own sign-out clears the cookie even when the session could not be deleted: say so and keep it instead.
  if (trace.sessionNotEnded)
    return new Response(null, {
      status: 303,
      headers: { location: notChangedPath, "cache-control": "private, no-store" },
    });
  const copy = new Response(response.body, response);
  copy.headers.set("cache-control", "private, no-store");
  const location = copy.headers.get("location");
  if (location) copy.headers.set("location", withReference(location, trace.reference));
  const failed = location ? new URL(location, "http://site.invalid") : undefined;
  if (failed?.pathname === signInErrorPage)
    countSignIn({ ok: false, reason: signInProblem(failed.searchParams.get("error") ?? undefined).code });
  if (copy.headers.get("content-type")?.startsWith("text/html"))
    copy.headers.set("content-security-policy", authPagesPolicy);
  return copy;
}

/**
 * A sign-in always starts a new session: Auth.js would otherwise link the Google account coming back to whoever is
 * already signed in in this browser. The session it replaces ends once the new one exists.
 */
async function callback(request: NextRequest): Promise<Response> {
  const name = sessionCookieName(usesSecureCookies(request.headers.get("x-forwarded-proto")));
  const previous = request.cookies.get(name)?.value;
  if (previous) request.cookies.delete(name);
  const response = await handlers[request.method === "POST" ? "POST" : "GET"](request);
  const startedNew = response.headers
    .getSetCookie()
    .some((cookie) => cookie.startsWith(`${name}=`) && !cookie.startsWith(`${name}=;`));
  if (startedNew) countSignIn({ ok: true });
  if (previous && startedNew) await endSessionByToken(previous, "replaced");
  return response;
}

/**
 * Auth.js's session endpoint writes `expires = now + the absolute cap` and re-issues the cookie, on GET and (with its
 * CSRF token) on POST: that would switch the idle timeout off. Ours only reads, and answers nothing else.
 */
async function sessionEndpoint(method: string): Promise<Response> {
  if (method !== "GET" && method !== "HEAD")
    return new Response("Method not allowed.", { status: 405, headers: { allow: "GET, HEAD" } });
  const session = await getSession().catch((error: unknown) => {
    if (isStoreUnavailable(error)) return "unavailable" as const;
    throw error;
  });
  // Neither signed in nor out is known: say so, rather than "no session".
  if (session === "unavailable")
    return Response.json(
      { error: "the database cannot answer" },
      { status: 503, headers: { "retry-after": String(retryAfterSeconds) } },
    );
  return Response.json(
    session && {
      user: { name: session.user.name, email: session.user.email, image: session.user.image },
      expires: session.expires,
    },
  );
}

function handle(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  // Next answers HEAD with the GET handler: HEAD arrives here too.
  if (pathname === "/api/auth/session") return privateResponse(() => sessionEndpoint(request.method));
  const forAuthJs = withRequestOrigin(request, { originFromRequest });
  if (pathname.startsWith("/api/auth/callback/"))
    return withinNetworkLimit("callback", request, () =>
      inSpan("sign_in.callback", () => privateResponse(() => callback(forAuthJs))),
    );
  const authJs = () => privateResponse(() => handlers[request.method === "POST" ? "POST" : "GET"](forAuthJs));
  // Auth.js's own way to start a sign-in counts as a start, as our server action does.
  if (request.method === "POST" && pathname.startsWith("/api/auth/signin/"))
    return withinNetworkLimit("sign-in", request, () => inSpan("sign_in.start", authJs));
  return pathname.startsWith("/api/auth/signin/") ? inSpan("sign_in.start", authJs) : authJs();
}

export const GET = handle;
export const POST = handle;
