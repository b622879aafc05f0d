import { limitRiscSource, tooManyRequests } from "@/server/rate-limit";
import { requestClientAddress } from "@/server/request-address";
import { receiveSecurityEvent } from "@/server/risc";

/** Google's Cross-Account Protection pushes security event tokens here (server/risc.ts), limited per source network. */
export async function POST(request: Request) {
  const verdict = await limitRiscSource(requestClientAddress(request.headers));
  return verdict.refused ? tooManyRequests(verdict.retryAfter) : receiveSecurityEvent(request);
}

export const dynamic = "force-dynamic";
