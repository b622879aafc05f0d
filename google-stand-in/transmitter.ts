/**
 * The stand-in's Cross-Account Protection transmitter: signs security event tokens as Google does (RS256, a `kid` its
 * `/risc/jwks` serves), publishes `/.well-known/risc-configuration`, and gives tests two loopback-only hooks:
 * `POST /risc/test/sign` (claims in, a signed token out) and `POST /risc/test/rotate-key`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { isLoopbackHost } from "../lib/loopback";
import type { RiscTransmitter } from "./risc-management";

export interface StandInTransmitter extends RiscTransmitter {
  /** Answers the request if its path is one of ours; false leaves it to the rest of the stand-in. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** A new signing key replaces the old one: tokens signed before no longer verify. */
  rotateKey(): Promise<void>;
}

const maxHookBytes = 16 * 1024;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

function sendJson(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readClaims(req: IncomingMessage): Promise<JWTPayload> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > maxHookBytes) throw new Error("body too large");
  }
  const claims: unknown = JSON.parse(body || "{}");
  if (typeof claims !== "object" || claims === null || Array.isArray(claims))
    throw new Error("claims must be an object");
  return claims as JWTPayload;
}

/**
 * `origin` is the stand-in's; its tokens' `iss` is that with a trailing slash, as Google's RISC issuer
 * (`https://accounts.google.com/`) differs from its OpenID issuer.
 */
export async function createTransmitter(origin: string, clientId: string): Promise<StandInTransmitter> {
  const issuer = `${origin}/`;
  let key = await newSigningKey();

  const sign = (claims: JWTPayload) =>
    new SignJWT({ iss: issuer, aud: clientId, jti: randomUUID(), ...claims })
      .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "secevent+jwt" })
      .setIssuedAt(typeof claims.iat === "number" ? claims.iat : undefined)
      .sign(key.privateKey);

  const rotateKey = async () => {
    key = await newSigningKey();
  };

  const onHook = (req: IncomingMessage, res: ServerResponse, action: () => Promise<unknown>) => {
    // Tests only, from this machine only: nothing elsewhere may have the stand-in sign for it.
    const peer = req.socket.remoteAddress ?? "";
    if (req.method !== "POST" || !isLoopbackHost(peer.includes(":") ? `[${peer}]` : peer))
      return sendJson(res, 403, { error: "loopback POST only" });
    action().then(
      (body) => sendJson(res, 200, body),
      (error: unknown) => sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) }),
    );
  };

  return {
    issuer,
    sign,
    rotateKey,
    handle(req, res, url) {
      switch (url.pathname) {
        case "/.well-known/risc-configuration":
          sendJson(res, 200, {
            issuer,
            jwks_uri: `${origin}/risc/jwks`,
            delivery_methods_supported: ["https://schemas.openid.net/secevent/risc/delivery-method/push"],
            add_subject_endpoint: `${origin}/v1beta/subjects:add`,
            remove_subject_endpoint: `${origin}/v1beta/subjects:remove`,
          });
          return true;
        case "/risc/jwks":
          sendJson(res, 200, { keys: [key.publicJwk] });
          return true;
        case "/risc/test/sign":
          onHook(req, res, async () => ({ token: await sign(await readClaims(req)) }));
          return true;
        case "/risc/test/rotate-key":
          onHook(req, res, async () => {
            await rotateKey();
            return { kid: key.kid };
          });
          return true;
        default:
          return false;
      }
    },
  };
}
