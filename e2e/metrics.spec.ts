import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { subjectFor } from "../google-stand-in/accounts";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInWithEmail, signOut } from "./sign-in";

const metricsToken = "a-metrics-token-for-the-e2e-scraper-0123456789";

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service?: string;
}

/** A local OTLP/HTTP receiver (JSON): what a collector would get from the site. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: { spans: ReceivedSpan[] }[];
          }[];
        };
        for (const { resource, scopeSpans } of body.resourceSpans) {
          const service = resource.attributes.find((attribute) => attribute.key === "service.name")?.value.stringValue;
          for (const scope of scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
        }
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}

/** The text format as samples: `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const parsed = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    parsed.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return parsed;
}

test.describe("metrics and traces", () => {
  test.describe.configure({ mode: "serial" });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let site: RunningSite;

  test.beforeAll(async () => {
    receiver = await startReceiver();
    site = await startWithStandIn({
      METRICS_TOKEN: metricsToken,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      // Spans go out within half a second rather than five.
      OTEL_BSP_SCHEDULE_DELAY: "500",
    });
  });
  test.afterAll(async () => {
    await site?.stop();
    await receiver?.close();
  });

  const scrape = async (request: APIRequestContext, authorization?: string) =>
    request.get(`${site.url}/api/metrics`, { headers: authorization ? { authorization } : {} });

  test("the scrape needs the token: 401 without it or with another, never cached", async ({ request }) => {
    for (const authorization of [undefined, `Bearer ${metricsToken}x`, `Basic ${metricsToken}`]) {
      const response = await scrape(request, authorization);
      expect(response.status(), String(authorization)).toBe(401);
      expect(response.headers()["cache-control"]).toBe("no-store");
    }
    const response = await scrape(request, `Bearer ${metricsToken}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
  });

  test("a sign-in and a sign-out move the counters, and the scrape names nobody", async ({ page, request }) => {
    const email = "metrics-reader@example.com";
    const before = samples(await (await scrape(request, `Bearer ${metricsToken}`)).text());
    await page.goto(`${site.url}/greeting`);
    await signInWithEmail(page, email);
    await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
    const token = (await page.context().cookies()).find((cookie) => cookie.name === "authjs.session-token")?.value;
    expect(token).toBeTruthy();
    await signOut(page);

    const text = await (await scrape(request, `Bearer ${metricsToken}`)).text();
    const after = samples(text);
    const moved = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(moved('nametag_sign_ins_total{outcome="success",reason=""}')).toBe(1);
    expect(moved("nametag_sessions_started_total")).toBe(1);
    expect(moved('nametag_sessions_ended_total{reason="sign_out"}')).toBe(1);
    expect(
      moved('nametag_http_request_duration_seconds_count{method="GET",route="/greeting",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    // The callback's path is /api/auth/callback/google: the route's pattern stands for it.
    expect(
      moved('nametag_http_request_duration_seconds_count{method="GET",route="/api/auth/[...nextauth]",status="302"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(moved('nametag_db_query_duration_seconds_count{store="embedded",outcome="ok"}')).toBeGreaterThan(0);
    expect(after.get("process_resident_memory_bytes")).toBeGreaterThan(0);
    for (const secret of [email, "metrics-reader", subjectFor(email), token!, "callback/google"])
      expect(text, secret).not.toContain(secret);
  });

  test("the sign-in's steps arrive as spans of one trace, and its log line names that trace", async ({ page }) => {
    const email = "trace-reader@example.com";
    await page.goto(`${site.url}/greeting`);
    await signInWithEmail(page, email);
    await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();

    // The log line of this sign-in names its trace; the trace's spans follow within the batch delay.
    const line = site
      .output()
      .split("\n")
      .filter((text) => text.startsWith("{") && text.includes('"sign_in_succeeded"'))
      .map((text) => JSON.parse(text) as { email?: string; trace_id?: string; span_id?: string })
      .findLast((entry) => entry.email === "t***@example.com");
    expect(line?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    const inTrace = (name: string) =>
      receiver.spans.find((span) => span.name === name && span.traceId === line!.trace_id);
    await expect.poll(() => inTrace("session.create"), { timeout: 15_000 }).toBeDefined();
    const callback = inTrace("sign_in.callback");
    expect(callback, "sign_in.callback").toBeDefined();
    expect(callback!.service).toBe("nametag");
    // Next's own request span is the callback's parent.
    expect(callback!.parentSpanId).toBeTruthy();
    expect(receiver.spans.some((span) => span.spanId === line!.span_id && span.traceId === line!.trace_id)).toBe(true);

    const byId = new Map(receiver.spans.map((span) => [span.spanId, span]));
    const descendsFrom = (span: ReceivedSpan, ancestor: ReceivedSpan) => {
      for (let at: ReceivedSpan | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined)
        if (at.parentSpanId === ancestor.spanId) return true;
      return false;
    };
    for (const step of ["sign_in.token_exchange", "sign_in.id_token_check", "session.create"]) {
      const span = inTrace(step);
      expect(span, step).toBeDefined();
      expect(descendsFrom(span!, callback!), `${step} under sign_in.callback`).toBe(true);
    }
    // The page after the callback looks the session up, in a trace of its own request.
    await expect.poll(() => receiver.spans.some((span) => span.name === "session.lookup")).toBe(true);
    expect(receiver.spans.some((span) => span.name === "sign_in.start")).toBe(true);
  });
});

test("the scrape is not there without METRICS_TOKEN", async ({ request }) => {
  const response = await request.get("/api/metrics", { headers: { authorization: "Bearer anything-at-all" } });
  expect(response.status()).toBe(404);
  expect(response.headers()["cache-control"]).toBe("no-store");
});
