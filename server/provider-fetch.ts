import "server-only";
import { inSpan } from "@/lib/spans";
import { noteProviderRequest } from "@/server/sign-in-failure";

/** A provider that does not answer must not leave a visitor's sign-in hanging. */
export const providerTimeoutMs = 8_000;

/** Every request to the identity provider, bounded by providerTimeoutMs, and noted so a failure can name it. */
export function providerFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const exchange = init?.body instanceof URLSearchParams && init.body.get("grant_type") === "authorization_code";
  return inSpan(exchange ? "sign_in.token_exchange" : "provider.request", () => fetchFromProvider(input, init));
}

async function fetchFromProvider(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  // Without the query: it may carry a code or a token.
  const request = `${init?.method ?? (input instanceof Request ? input.method : "GET")} ${url.origin}${url.pathname}`;
  try {
    const response = await fetch(input, { ...init, signal: AbortSignal.timeout(providerTimeoutMs) });
    noteProviderRequest(`${request} → ${response.status}`);
    return response;
  } catch (error) {
    noteProviderRequest(
      `${request} → ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "failed"}`,
    );
    throw error;
  }
}
