import type { NextRequest } from "next/server";
import { limitStanding, requestNetworkKey, tooManyRequests, type Verdict } from "@/server/rate-limit";
import { getSession } from "@/server/session";

const goTo = (location: string) =>
  new Response(null, { status: 303, headers: { location, "cache-control": "private, no-store" } });

/**
 * Where a refused server action sends the browser: 429 while the visitor is still over the limit (their network's
 * for sign-in, their session's for account actions), otherwise back to where they can try again.
 */
export async function GET(request: NextRequest): Promise<Response> {
  let verdict: Verdict;
  let retry: string;
  if (request.nextUrl.searchParams.get("limit") === "account") {
    const session = await getSession();
    verdict = session ? await limitStanding("account", session.sessionId) : { refused: false };
    retry = "/account";
  } else {
    verdict = await limitStanding("sign-in", requestNetworkKey(request.headers));
    retry = "/signin";
  }
  return verdict.refused ? tooManyRequests(verdict.retryAfter) : goTo(retry);
}
