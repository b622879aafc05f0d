import { receiveSecurityEvent } from "@/server/risc";

/** Google's Cross-Account Protection pushes security event tokens here (server/risc.ts). */
export async function POST(request: Request) {
  // Where a per-source rate limit (server/rate-limits.ts) goes, once it exists: one call before the work.
  return receiveSecurityEvent(request);
}

export const dynamic = "force-dynamic";
