/** A provider that does not answer must not leave a visitor's sign-in hanging. */
export const providerTimeoutMs = 8_000;

/** Every request to the identity provider, bounded by providerTimeoutMs. */
export function providerFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return fetch(input, { ...init, signal: AbortSignal.timeout(providerTimeoutMs) });
}
