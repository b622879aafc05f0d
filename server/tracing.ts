/**
 * OpenTelemetry traces over OTLP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (instrumentation.ts does not even load
 * this module otherwise): Next's own spans for each request, with ours (lib/spans.ts) inside them.
 */
import "server-only";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace";
import type { Env } from "@/config/env";

async function exporterFor(protocol: Env["OTEL_EXPORTER_OTLP_PROTOCOL"]): Promise<SpanExporter> {
  // Both read OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_HEADERS) themselves and post to its /v1/traces.
  if (protocol === "http/json")
    return new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter();
  return new (await import("@opentelemetry/exporter-trace-otlp-proto")).OTLPTraceExporter();
}

/** Registers the tracer provider for the process; the returned function flushes the last spans and stops it. */
export async function startTracing(
  env: Pick<Env, "OTEL_EXPORTER_OTLP_PROTOCOL" | "OTEL_SERVICE_NAME">,
): Promise<() => Promise<void>> {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor({ exporter: await exporterFor(env.OTEL_EXPORTER_OTLP_PROTOCOL) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager());
  // A proxy's or a caller's traceparent makes our spans part of its trace.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return () => provider.shutdown();
}
