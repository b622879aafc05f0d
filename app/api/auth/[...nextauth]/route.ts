import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { authPagesPolicy } from "@/lib/csp";
import { env } from "@/lib/env";
import { withRequestOrigin } from "@/lib/request-origin";
import { traceSignIn, withReference } from "@/lib/sign-in-failure";

const trustHost = env.AUTH_TRUST_HOST && !env.AUTH_URL;

/**
 * Auth.js's answers set or read session cookies: never let a shared cache keep one. Its HTML pages get a CSP too.
 * A failure logged while answering sends its reference on to our error page.
 */
async function privateResponse(handle: () => Promise<Response>): Promise<Response> {
  const { result: response, trace } = await traceSignIn(handle);
  const copy = new Response(response.body, response);
  copy.headers.set("cache-control", "private, no-store");
  const location = copy.headers.get("location");
  if (location) copy.headers.set("location", withReference(location, trace.reference));
  if (copy.headers.get("content-type")?.startsWith("text/html")) copy.headers.set("content-security-policy", authPagesPolicy);
  return copy;
}

export const GET = (request: NextRequest) => privateResponse(() => handlers.GET(withRequestOrigin(request, { trustHost })));
export const POST = (request: NextRequest) => privateResponse(() => handlers.POST(withRequestOrigin(request, { trustHost })));
