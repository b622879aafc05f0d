import "server-only";
import { compactVerify, createRemoteJWKSet, decodeJwt, type JWTPayload } from "jose";
import { inSpan } from "@/lib/spans";
import { providerFetch, providerTimeoutMs } from "@/server/provider-fetch";

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

/** How far a provider's clock may run ahead of ours before its `iat` is a token from the future. */
export const clockSkewSeconds = 60;

/**
 * What oauth4webapi (through Auth.js) leaves out, from OIDC Core 3.1.3.7: the signature (RS256 only, against the
 * provider's keys), `azp` when present (it only checks it with several audiences), and an `iat` in the future.
 * Returns the failed check, in words, or undefined when the token passes.
 */
export function idTokenProblem(
  idToken: string | undefined,
  expected: { issuer: string; clientId: string; now?: number },
): Promise<string | undefined> {
  return inSpan("sign_in.id_token_check", () => checkIdToken(idToken, expected));
}

async function checkIdToken(
  idToken: string | undefined,
  { issuer, clientId, now = Math.floor(Date.now() / 1000) }: { issuer: string; clientId: string; now?: number },
): Promise<string | undefined> {
  if (!idToken) return "no ID token in the token response";
  try {
    await compactVerify(idToken, await keySetOf(issuer), { algorithms: ["RS256"] });
  } catch (error) {
    return `ID token signature (RS256, ${issuer} JWKS): ${error instanceof Error ? error.message : "invalid"}`;
  }
  return idTokenClaimProblem(decodeJwt(idToken), clientId, now);
}

/** The claim checks of idTokenProblem, on claims whose signature is already verified. */
export function idTokenClaimProblem({ azp, iat }: JWTPayload, clientId: string, now: number): string | undefined {
  if (azp !== undefined && azp !== clientId) return `ID token azp ${JSON.stringify(azp)} is not our client id`;
  if (typeof iat !== "number") return "ID token without a numeric iat";
  if (iat > now + clockSkewSeconds) return `ID token iat ${iat - now} s in the future (allowed ${clockSkewSeconds} s)`;
  return undefined;
}
