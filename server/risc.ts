/**
 * The Cross-Account Protection receiver: verifies a security event token Google pushed (RFC 8417, RFC 8935) against
 * the transmitter's published keys and acts on its events. Refusals are 400 with RFC 8935's error JSON; a fault on
 * our side is 503 with Retry-After, so Google delivers again.
 */
import "server-only";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { env, issuer } from "@/config/env";
import { isRiscError, parseRiscEvents, riscEventDetail, type RiscError, type RiscEvent } from "@/lib/risc";
import { logEvent } from "@/server/log";
import { findReportedUser, forgetDelivery, rememberDelivery, setGoogleSignInBlocked } from "@/db/google-reports";
import { recordSecurityEvent } from "@/db/security-events";
import { countSessionsEnded } from "@/db/metrics";
import { endSessions } from "@/db/session-queries";

const maxSetBytes = 64 * 1024;
const configTimeoutMs = 5_000;
/** How long the transmitter's configuration is trusted before it is read again. */
const configMaxAgeMs = 60 * 60_000;
const retryAfterSeconds = 30;

const configuration = z.object({ issuer: z.string().min(1), jwks_uri: z.url({ protocol: /^https?$/ }) });

interface Transmitter {
  issuer: string;
  keys: JWTVerifyGetKey;
  loadedAt: number;
}

/** Our side failed (the store, the transmitter's configuration): Google should deliver again later. */
class OurFault extends Error {}

let transmitter: Promise<Transmitter> | undefined;

/** `<issuer>/.well-known/risc-configuration`: Google's issuer or the stand-in's, whichever signs us in. */
const riscConfigurationUrl = () => `${issuer.replace(/\/+$/, "")}/.well-known/risc-configuration`;

async function loadTransmitter(): Promise<Transmitter> {
  let body: unknown;
  try {
    const response = await fetch(riscConfigurationUrl(), { signal: AbortSignal.timeout(configTimeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new OurFault(`${riscConfigurationUrl()}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = configuration.safeParse(body);
  if (!parsed.success) throw new OurFault(`${riscConfigurationUrl()}: no issuer or jwks_uri`);
  // jose caches the keys, refetches on an unknown kid, and not more often than the cooldown.
  const keys = createRemoteJWKSet(new URL(parsed.data.jwks_uri), {
    cooldownDuration: 5_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: configTimeoutMs,
  });
  return { issuer: parsed.data.issuer, keys, loadedAt: Date.now() };
}

async function currentTransmitter(): Promise<Transmitter> {
  const pending = (transmitter ??= loadTransmitter());
  try {
    const loaded = await pending;
    if (Date.now() - loaded.loadedAt < configMaxAgeMs) return loaded;
    transmitter = undefined;
    return await currentTransmitter();
  } catch (error) {
    // A failed read is not remembered: the next delivery tries again.
    if (transmitter === pending) transmitter = undefined;
    throw error;
  }
}

const refusal = (err: RiscError["err"], description: string): RiscError => ({ err, description });

/** Why jose refused the token, in RFC 8935's words; an error that is not a refusal of the token is ours. */
function refusalOf(error: unknown): RiscError {
  if (error instanceof errors.JWKSNoMatchingKey)
    return refusal("invalid_key", "no key of the transmitter has this kid");
  if (error instanceof errors.JWKSMultipleMatchingKeys) return refusal("invalid_key", "the kid is ambiguous");
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return refusal("invalid_key", "the signature does not verify");
  if (error instanceof errors.JOSEAlgNotAllowed) return refusal("invalid_request", "only RS256 is accepted");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return refusal("invalid_issuer", "iss is not the transmitter's issuer");
    if (error.claim === "aud") return refusal("invalid_audience", "aud is not our client id");
    return refusal("invalid_request", `claim ${error.claim}: ${error.reason}`);
  }
  if (error instanceof errors.JWKSTimeout) throw new OurFault("the transmitter's keys did not arrive in time");
  if (error instanceof errors.JOSEError && error.code !== "ERR_JOSE_GENERIC")
    return refusal("invalid_request", "not a valid security event token");
  throw new OurFault(`verifying the token: ${error instanceof Error ? error.message : String(error)}`);
}

/** The verified claims, or why the token is refused. */
async function verify(token: string): Promise<JWTPayload | RiscError> {
  const { issuer: expectedIssuer, keys } = await currentTransmitter();
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ["RS256"],
      issuer: expectedIssuer,
      audience: env.AUTH_GOOGLE_ID ?? "",
      requiredClaims: ["jti"],
    });
    return payload;
  } catch (error) {
    return refusalOf(error);
  }
}

async function act(event: RiscEvent): Promise<void> {
  const userId = event.subject ? await findReportedUser(event.subject) : undefined;
  logEvent("info", "risc_event", {
    type: event.type,
    reason: event.reason,
    state: event.type === "verification" ? event.state : undefined,
    user: userId ? "known" : event.subject ? "unknown" : undefined,
  });
  if (!userId) return;
  if (event.type === "sessions-revoked" || event.type === "account-disabled")
    countSessionsEnded("google", await endSessions(userId));
  if (event.type === "account-disabled" && event.reason === "hijacking")
    await setGoogleSignInBlocked(userId, new Date());
  if (event.type === "account-enabled") await setGoogleSignInBlocked(userId, null);
  await recordSecurityEvent(userId, "google-report", { detail: riscEventDetail(event) });
}

async function readBody(request: Request): Promise<string | RiscError> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxSetBytes) return refusal("invalid_request", `the body is larger than ${maxSetBytes} bytes`);
  if (!request.body) return refusal("invalid_request", "the body is empty");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxSetBytes) {
      await reader.cancel();
      return refusal("invalid_request", `the body is larger than ${maxSetBytes} bytes`);
    }
    chunks.push(read.value);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  return text ? text : refusal("invalid_request", "the body is empty");
}

const noStore = { "cache-control": "no-store" };

/** Answers one push delivery. Never throws. */
export async function receiveSecurityEvent(request: Request): Promise<Response> {
  let jti: string | undefined;
  try {
    const body = await readBody(request);
    if (isRiscError(body)) return Response.json(body, { status: 400, headers: noStore });
    const claims = await verify(body);
    if (isRiscError(claims)) {
      logEvent("warn", "risc_refused", { err: claims.err, description: claims.description });
      return Response.json(claims, { status: 400, headers: noStore });
    }
    const events = parseRiscEvents(claims.events);
    if (isRiscError(events)) return Response.json(events, { status: 400, headers: noStore });
    if (!(await rememberDelivery(claims.jti!))) return new Response(null, { status: 202, headers: noStore });
    jti = claims.jti;
    for (const event of events) await act(event);
    return new Response(null, { status: 202, headers: noStore });
  } catch (error) {
    if (jti) await forgetDelivery(jti).catch(() => undefined);
    logEvent("error", "risc_unavailable", {
      message: (error instanceof Error ? error.message : String(error)).split("\n")[0],
    });
    return new Response(null, { status: 503, headers: { ...noStore, "retry-after": String(retryAfterSeconds) } });
  }
}
