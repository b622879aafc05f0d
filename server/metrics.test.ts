import { describe, expect, it } from "vitest";
import { countSessionsEnded } from "@/db/metrics";
import { countRateLimited, countSignIn, metricsResponse } from "./metrics";

const token = "a-metrics-token-of-at-least-32-characters";

describe("metricsResponse", () => {
  it("is not there while METRICS_TOKEN is unset", async () => {
    const response = await metricsResponse(`Bearer ${token}`, undefined);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers only the scraper with the token", async () => {
    for (const authorization of [null, token, `Bearer ${token}x`, "Bearer ", `Basic ${token}`]) {
      const response = await metricsResponse(authorization, token);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("serves the text format, with the counters that moved and Node's own", async () => {
    countSignIn({ ok: true });
    countSignIn({ ok: false, reason: "EmailUnverified" });
    countSessionsEnded("device", 2);
    countSessionsEnded("cap", 0);
    countRateLimited("sign_in");
    const response = await metricsResponse(`Bearer ${token}`, token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(text).toContain('nametag_sign_ins_total{outcome="success",reason=""} 1');
    expect(text).toContain('nametag_sign_ins_total{outcome="failure",reason="EmailUnverified"} 1');
    expect(text).toContain('nametag_sessions_ended_total{reason="device"} 2');
    expect(text).not.toContain('reason="cap"');
    expect(text).toContain('nametag_rate_limited_total{limit="sign_in"} 1');
    expect(text).toContain("process_resident_memory_bytes");
  });
});
