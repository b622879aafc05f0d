import { compactVerify, createRemoteJWKSet } from "jose";
import { providerFetch, providerTimeoutMs } from "@/lib/provider-fetch";

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** The provider's published signing keys, found through its discovery document once per process. */
const keySets = new Map<string, Promise<KeySet>>();

async function discoverKeySet(issuer: string): Promise<KeySet> {
  const response = await providerFetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (!response.ok || typeof jwksUri !== "string") throw new Error(`no jwks_uri in ${issuer}'s discovery document`);
  // jose caches the keys and refetches them (at most every 30 s) when a token names a key it does not know.
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: providerTimeoutMs });
}

function keySetOf(issuer: string): Promise<KeySet> {
  let keySet = keySets.get(issuer);
  if (!keySet) {
    keySet = discoverKeySet(issuer);
    keySets.set(issuer, keySet);
    keySet.catch(() => keySets.delete(issuer));
  }
  return keySet;
}

/**
 * Auth.js checks the ID token's claims (iss, aud, exp, nonce) but not its signature, which OIDC Core 3.1.3.7 lets a
 * client skip over TLS. We check it anyway, RS256 only: a token the provider's keys did not sign never makes a session.
 */
export async function idTokenSignatureVerifies(idToken: string | undefined, issuer: string): Promise<boolean> {
  if (!idToken) return false;
  try {
    await compactVerify(idToken, await keySetOf(issuer), { algorithms: ["RS256"] });
    return true;
  } catch {
    return false;
  }
}
