/** Google's OpenID issuer: what the site talks to unless AUTH_GOOGLE_ISSUER names another (the stand-in). */
export const defaultIssuer = "https://accounts.google.com";
