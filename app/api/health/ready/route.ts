import { readiness } from "@/lib/readiness";

/** Readiness (lib/readiness.ts): 200 when every check passes, 503 with each check's short reason otherwise. */
export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
