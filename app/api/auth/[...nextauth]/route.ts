import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { env } from "@/lib/env";
import { withRequestOrigin } from "@/lib/request-origin";

const trustHost = env.AUTH_TRUST_HOST && !env.AUTH_URL;

/** Auth.js's answers set or read session cookies: never let a shared cache keep one. */
async function privateResponse(response: Promise<Response>): Promise<Response> {
  const copy = new Response((await response).body, await response);
  copy.headers.set("cache-control", "private, no-store");
  return copy;
}

export const GET = (request: NextRequest) => privateResponse(handlers.GET(withRequestOrigin(request, { trustHost })));
export const POST = (request: NextRequest) => privateResponse(handlers.POST(withRequestOrigin(request, { trustHost })));
