import { readiness, mayReadChecks } from "@/server/readiness";
import { requestClientAddress } from "@/server/request-address";

/** Readiness (server/readiness.ts): 200 when every check passes, 503 otherwise; each check's short reason only for the operator. */
export async function GET(request: Request) {
  const result = await readiness();
  const caller = {
    address: requestClientAddress(request.headers),
    authorization: request.headers.get("authorization"),
  };
  return Response.json(mayReadChecks(caller) ? result : { ok: result.ok }, {
    status: result.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

export const dynamic = "force-dynamic";
