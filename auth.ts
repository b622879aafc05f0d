import NextAuth, { customFetch, type NextAuthConfig, type Session } from "next-auth";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import { redirect } from "next/navigation";
import { cache } from "react";
import { signInErrorPath } from "@/lib/auth-errors";
import { env, sessionLifetime } from "@/lib/env";
import { idTokenProblem } from "@/lib/id-token";
import { providerFetch } from "@/lib/provider-fetch";
import { safeCallbackUrl, signInPath } from "@/lib/redirects";
import { logSignInFailure } from "@/lib/sign-in-failure";
import { readSession } from "@/lib/session";
import { isTokenAlive, sessionFromToken } from "@/lib/session-token";

/** The stand-in or any OpenID provider when configured; Google itself otherwise. */
const issuer = env.AUTH_GOOGLE_ISSUER ?? "https://accounts.google.com";

export const authConfig = {
  providers: [
    Google({
      clientId: env.AUTH_GOOGLE_ID,
      clientSecret: env.AUTH_GOOGLE_SECRET,
      issuer,
      checks: ["pkce", "state", "nonce"],
      // Google signs with RS256: never take the algorithm from the token or the provider's discovery document.
      client: { id_token_signed_response_alg: "RS256" },
      authorization: {
        params: {
          // Lets a visitor pick another account after signing out, instead of Google reusing the last one.
          prompt: "select_account",
          ...(env.AUTH_GOOGLE_HD.length === 1 ? { hd: env.AUTH_GOOGLE_HD[0] } : env.AUTH_GOOGLE_HD.length > 1 ? { hd: "*" } : {}),
        },
      },
      [customFetch]: providerFetch,
    }),
  ],
  secret: env.AUTH_SECRET.length > 0 ? env.AUTH_SECRET : undefined,
  // Our parsed value, never Auth.js's own reading of AUTH_TRUST_HOST (any non-empty string, `false` too, is true there).
  trustHost: env.AUTH_TRUST_HOST || env.AUTH_URL !== undefined,
  session: { strategy: "jwt", maxAge: sessionLifetime.idleSeconds },
  pages: { signIn: "/signin", error: "/signin/error" },
  logger: {
    // One line per failure in the server log (failed sign-ins are routine); the visitor sees our error page.
    error(error) {
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      logSignInFailure({ check: error.message.split("\n")[0] ?? error.name, type: (error as { type?: string }).type ?? error.name, cause });
    },
  },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "google" || !profile) return false;
      const problem = await idTokenProblem(account.id_token, { issuer, clientId: env.AUTH_GOOGLE_ID ?? "" });
      if (problem) return signInErrorPath("AccessDenied", logSignInFailure({ check: problem }));
      const google = profile as GoogleProfile;
      if (google.email_verified !== true)
        return signInErrorPath("EmailUnverified", logSignInFailure({ check: "email_verified is not true in the ID token" }));
      if (env.AUTH_GOOGLE_HD.length > 0 && !env.AUTH_GOOGLE_HD.includes(google.hd?.toLowerCase() ?? ""))
        return signInErrorPath("DomainNotAllowed", logSignInFailure({ check: `hd ${JSON.stringify(google.hd ?? null)} not in AUTH_GOOGLE_HD` }));
      return true;
    },
    // Auth.js's default keeps `/\evil.example` as a "path" and fails the sign-in on `%2F%2Fevil.example`: same rule as our pages.
    redirect({ url, baseUrl }) {
      return baseUrl + safeCallbackUrl(url, "/", baseUrl);
    },
    jwt({ token, profile }) {
      const now = Math.floor(Date.now() / 1000);
      if (profile) {
        const google = profile as GoogleProfile;
        return {
          sub: google.sub,
          email: google.email,
          name: google.name ?? google.email,
          picture: google.picture ?? null,
          emailVerified: google.email_verified === true,
          signedInAt: now,
        };
      }
      // Activity renews the idle timeout, never the absolute lifetime.
      return isTokenAlive(token, sessionLifetime, now) ? token : null;
    },
    session({ session, token }) {
      return { ...sessionFromToken(token), expires: session.expires };
    },
  },
} satisfies NextAuthConfig;

export const { handlers, signIn, signOut } = NextAuth(authConfig);

/** The session, read once per request however many components ask (lib/session.ts says why not Auth.js's `auth`). */
export const auth = cache(readSession);

/** The session of a protected page; a visitor without one goes through sign-in and comes back to `returnTo`. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await auth();
  if (!session) redirect(signInPath(returnTo));
  return session;
}
