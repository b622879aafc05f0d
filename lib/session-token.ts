import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The session cookie's value: 32 random bytes and a MAC of them under AUTH_SECRET (`random.mac`, base64url). The MAC
 * lets middleware tell a token we issued from a forged one without touching the database; the database only ever
 * sees the token's SHA-256 (`sessionTokenHash`), so a leaked database or backup opens no session.
 */
const macOf = (random: string, secret: string) => createHmac("sha256", secret).update(random).digest("base64url");

export function newSessionToken(secret: string): string {
  const random = randomBytes(32).toString("base64url");
  return `${random}.${macOf(random, secret)}`;
}

const shape = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/;

/**
 * Tokens whose MAC was found good, per list of secrets: a signed-in visitor's every request checks the cookie twice
 * (middleware, then the page), and a MAC costs more than the rest of the middleware's own work. Only tokens we issued
 * get in, so the map grows with real sessions only; it starts over when full.
 */
const issuedTokens = new WeakMap<readonly string[], Set<string>>();
const issuedTokensLimit = 10_000;

/** Whether we issued this token under one of the secrets (the first signs, the others are being rotated out). */
export function isIssuedSessionToken(token: string | undefined, secrets: readonly string[]): token is string {
  if (!token || !shape.test(token)) return false;
  let known = issuedTokens.get(secrets);
  if (known?.has(token)) return true;
  const [random, mac] = token.split(".") as [string, string];
  // The characters as sent, not the bytes they decode to: 43 characters carry 2 spare bits that decoding ignores, and
  // only the encoding we issue may match.
  const presented = Buffer.from(mac);
  if (!secrets.some((secret) => timingSafeEqual(presented, Buffer.from(macOf(random, secret))))) return false;
  if (!known || known.size >= issuedTokensLimit) issuedTokens.set(secrets, (known = new Set()));
  known.add(token);
  return true;
}

/** What the database stores in place of the token. */
export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** The opaque id that names a session in pages and forms. */
export function newSessionId(): string {
  return randomBytes(16).toString("base64url");
}

const sessionIdShape = /^[A-Za-z0-9_-]{22}$/;

/** A form's session id when it has the shape `newSessionId` gives; null for anything else. */
export function parseSessionId(value: FormDataEntryValue | null): string | null {
  return typeof value === "string" && sessionIdShape.test(value) ? value : null;
}
