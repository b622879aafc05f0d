/** How the hostile provider answers one sign-in; the browser picks it on the provider's chooser page, so tests never share a mode. */
export const hostileModes = {
  "well-behaved": "Sign in as ada@example.com, correctly",
  "bad-signature": "ID token signed with a key not in the JWKS",
  "wrong-audience": "ID token for another client (aud)",
  "wrong-issuer": "ID token from another issuer (iss)",
  expired: "ID token expired an hour ago",
  "wrong-nonce": "ID token with another nonce",
  "other-azp": "ID token for us, authorized party another client (azp)",
  "future-iat": "ID token issued an hour from now (iat)",
  "alg-none": "Unsigned ID token (alg: none)",
  "email-unverified": "ID token with email_verified: false",
  "state-missing": "Redirect back without state",
  "state-swapped": "Redirect back with another sign-in's state",
  "access-denied": "Redirect back with error=access_denied",
  "off-site-callback-url": "Sign in correctly, adding callbackUrl=https://evil.example to the redirect back",
  "token-500": "Token endpoint answers 500",
  "token-garbage": "Token endpoint answers garbage",
  "token-slow": "Token endpoint never answers",
} as const;

export type HostileMode = keyof typeof hostileModes;

export const isHostileMode = (value: string): value is HostileMode => value in hostileModes;
