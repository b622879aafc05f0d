import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SignJWT, base64url, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { claimsFor } from "../../google-stand-in/accounts";
import { readForm } from "../../google-stand-in/read-form";
import { defaultIssuer } from "../../lib/google";
import { hostileModes, isHostileMode, type HostileMode } from "./modes";

/**
 * A test-only OpenID provider that misbehaves on demand. It is a real provider in well-behaved mode (discovery,
 * JWKS, PKCE, client authentication, RS256 ID tokens), so a sign-in that fails in any other mode fails because of
 * that one misbehaviour. Loopback only, in memory, every store and wait bounded.
 */
export interface HostileProviderOptions {
  /** 0 picks a free port. */
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface HostileProvider {
  issuer: string;
  close(): Promise<void>;
}

interface Authorization {
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
}

interface IssuedCode extends Authorization {
  mode: HostileMode;
  expiresAt: number;
}

const maxEntries = 200;
const codeLifetimeMs = 60_000;
/** "Never answers" is bounded too: long enough to outlast the site's provider timeout, short enough to clean up. */
const slowHoldMs = 30_000;
const keyId = "hostile-1";

/** A Map that forgets its oldest entries, so no number of requests grows it without bound. */
function boundedSet<K, V>(map: Map<K, V>, key: K, value: V) {
  map.set(key, value);
  while (map.size > maxEntries) map.delete(map.keys().next().value as K);
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, "application/json", JSON.stringify(body));

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function chooserPage(uid: string): string {
  const buttons = Object.entries(hostileModes)
    .map(([mode, label]) => `<li><button type="submit" name="mode" value="${mode}">${escapeHtml(label)}</button></li>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile provider</title></head><body><main><h1>Hostile provider</h1><form method="post" action="/decide"><input type="hidden" name="uid" value="${escapeHtml(uid)}"><ul>${buttons}</ul></form></main></body></html>`;
}

function unsignedJwt(payload: JWTPayload): string {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
}

/** What the request handlers share: one running provider and the sign-ins in flight at it. */
interface Running {
  options: HostileProviderOptions;
  issuer: string;
  signingKey: CryptoKey;
  publicJwk: JWK;
  /** Same kid as the real key: only the signature gives it away. */
  rogueKey: CryptoKey;
  /** By the uid of the chooser page that shows them. */
  authorizations: Map<string, Authorization>;
  codes: Map<string, IssuedCode>;
  /** Token requests answered never (mode token-slow), cut off at close. */
  heldSockets: Set<Socket>;
}

function discoveryDocument(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    // A hostile provider advertises `none` too: the site must pin the algorithm itself, not trust discovery.
    id_token_signing_alg_values_supported: ["RS256", "none"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic"],
    scopes_supported: ["openid", "email", "profile"],
  };
}

function authorize(provider: Running, url: URL, res: ServerResponse) {
  const query = url.searchParams;
  if (
    query.get("client_id") !== provider.options.clientId ||
    query.get("redirect_uri") !== provider.options.redirectUri
  )
    return send(res, 400, "text/plain", "unknown client or redirect_uri");
  if (
    query.get("response_type") !== "code" ||
    query.get("code_challenge_method") !== "S256" ||
    !query.get("code_challenge")
  )
    return send(res, 400, "text/plain", "authorization code flow with PKCE (S256) only");
  const uid = randomBytes(16).toString("base64url");
  boundedSet(provider.authorizations, uid, {
    state: query.get("state"),
    nonce: query.get("nonce"),
    codeChallenge: query.get("code_challenge")!,
  });
  send(res, 200, "text/html; charset=utf-8", chooserPage(uid));
}

/** The chooser's answer: back to the site with a code for the mode picked, or with the misbehaviour itself. */
async function decide(provider: Running, req: IncomingMessage, res: ServerResponse) {
  const form = await readForm(req);
  const uid = form.get("uid") ?? "";
  const mode = form.get("mode") ?? "";
  const authorization = provider.authorizations.get(uid);
  if (!authorization || !isHostileMode(mode)) return send(res, 400, "text/plain", "unknown sign-in or mode");
  provider.authorizations.delete(uid);
  const back = new URL(provider.options.redirectUri);
  const withState = (state: string | null) => state !== null && back.searchParams.set("state", state);
  if (mode === "access-denied") {
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("error_description", "The user denied access.");
    withState(authorization.state);
  } else {
    const code = randomBytes(24).toString("base64url");
    boundedSet(provider.codes, code, { ...authorization, mode, expiresAt: Date.now() + codeLifetimeMs });
    back.searchParams.set("code", code);
    if (mode === "state-swapped") {
      // Another visitor's sign-in still in flight: a genuine state, minted by the site, for someone else.
      const other = [...provider.authorizations.values()]
        .reverse()
        .find((pending) => pending.state && pending.state !== authorization.state);
      if (!other)
        return send(res, 409, "text/plain", "start another sign-in first: there is no other state to swap in");
      withState(other.state);
    } else if (mode !== "state-missing") {
      withState(authorization.state);
    }
    // Auth.js reads a callbackUrl on the callback too: a provider (or a crafted link) can try to redirect through us.
    if (mode === "off-site-callback-url") back.searchParams.set("callbackUrl", "https://evil.example/steal");
  }
  res.writeHead(303, { location: back.href, "cache-control": "no-store" });
  res.end();
}

function idTokenFor(provider: Running, issued: IssuedCode): Promise<string> | string {
  const { issuer, options } = provider;
  const now = Math.floor(Date.now() / 1000);
  const claims = claimsFor(issuer, { email: "ada@example.com", name: "Ada Lovelace", withPicture: false });
  const payload: JWTPayload = {
    ...claims,
    email_verified: issued.mode !== "email-unverified",
    iss: issued.mode === "wrong-issuer" ? defaultIssuer : issuer,
    aud: issued.mode === "wrong-audience" ? "another-client.apps.googleusercontent.com" : options.clientId,
    iat: issued.mode === "expired" ? now - 7200 : issued.mode === "future-iat" ? now + 3600 : now,
    exp: issued.mode === "expired" ? now - 3600 : issued.mode === "future-iat" ? now + 7200 : now + 3600,
    // A single audience (ours) with another authorized party: oauth4webapi checks azp only with several audiences.
    ...(issued.mode === "other-azp" ? { azp: "another-client.apps.googleusercontent.com" } : {}),
    ...(issued.nonce
      ? { nonce: issued.mode === "wrong-nonce" ? randomBytes(16).toString("base64url") : issued.nonce }
      : {}),
  };
  if (issued.mode === "alg-none") return unsignedJwt(payload);
  const key = issued.mode === "bad-signature" ? provider.rogueKey : provider.signingKey;
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: keyId, typ: "JWT" }).sign(key);
}

/** The code exchange, checked as a real provider checks it, then answered as the code's mode says. */
async function token(provider: Running, req: IncomingMessage, res: ServerResponse) {
  const { options } = provider;
  const form = await readForm(req);
  const expectedAuth = `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString("base64")}`;
  if (req.headers.authorization !== expectedAuth) return json(res, 401, { error: "invalid_client" });
  const code = form.get("code") ?? "";
  const issued = provider.codes.get(code);
  provider.codes.delete(code);
  const verifier = form.get("code_verifier") ?? "";
  if (
    form.get("grant_type") !== "authorization_code" ||
    !issued ||
    issued.expiresAt < Date.now() ||
    form.get("redirect_uri") !== options.redirectUri ||
    createHash("sha256").update(verifier).digest("base64url") !== issued.codeChallenge
  )
    return json(res, 400, { error: "invalid_grant" });
  if (issued.mode === "token-500") return send(res, 500, "text/html", "<h1>500 Internal Server Error</h1>");
  if (issued.mode === "token-garbage") return send(res, 200, "application/json", "\u0000<html>{not json at all");
  if (issued.mode === "token-slow") {
    const socket = req.socket;
    provider.heldSockets.add(socket);
    socket.once("close", () => provider.heldSockets.delete(socket));
    setTimeout(() => socket.destroy(), slowHoldMs).unref();
    return;
  }
  json(res, 200, {
    access_token: randomBytes(24).toString("base64url"),
    token_type: "Bearer",
    expires_in: 3600,
    scope: "openid email profile",
    id_token: await idTokenFor(provider, issued),
  });
}

async function route(provider: Running, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", provider.issuer);
  const route = `${req.method} ${url.pathname}`;
  if (route === "GET /.well-known/openid-configuration") return json(res, 200, discoveryDocument(provider.issuer));
  if (route === "GET /jwks") return json(res, 200, { keys: [provider.publicJwk] });
  if (route === "GET /authorize") return authorize(provider, url, res);
  if (route === "POST /decide") return decide(provider, req, res);
  if (route === "POST /token") return token(provider, req, res);
  // Only reached if the site ever read the ID token's claims from userinfo instead: it must not.
  if (route === "GET /userinfo") return json(res, 401, { error: "invalid_token" });
  send(res, 404, "text/plain", "not found");
}

export async function startHostileProvider(options: HostileProviderOptions): Promise<HostileProvider> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const signingKey = await generateKeyPair("RS256");
  const provider: Running = {
    options,
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    signingKey: signingKey.privateKey,
    publicJwk: { ...(await exportJWK(signingKey.publicKey)), kid: keyId, use: "sig", alg: "RS256" },
    rogueKey: (await generateKeyPair("RS256")).privateKey,
    authorizations: new Map(),
    codes: new Map(),
    heldSockets: new Set(),
  };
  server.on("request", (req, res) => {
    route(provider, req, res).catch(() => {
      if (!res.headersSent) send(res, 400, "text/plain", "bad request");
    });
  });

  return {
    issuer: provider.issuer,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of provider.heldSockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
