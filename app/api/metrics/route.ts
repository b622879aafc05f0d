import { metricsResponse } from "@/server/metrics";

/** Prometheus scrape (server/metrics.ts): off without METRICS_TOKEN, and only with it as a bearer token. */
export function GET(request: Request) {
  return metricsResponse(request.headers.get("authorization"));
}

export const dynamic = "force-dynamic";
