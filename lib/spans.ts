import { SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";

const tracer = trace.getTracer("nametag");

/**
 * Runs `work` in a span of its own (a child of the request's), ended when it settles, an exception marking it failed.
 * Without tracing (no OTEL_EXPORTER_OTLP_ENDPOINT) the API hands out spans that record nothing.
 */
export function inSpan<T>(name: string, work: () => Promise<T>, attributes?: Attributes): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
