/** Liveness: the process answers. Always cheap, no database, no cookie; a stuck process fails it by not answering. */
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

// Answered per request, never prerendered: a cached "ok" from build time would say nothing about this process.
export const dynamic = "force-dynamic";
