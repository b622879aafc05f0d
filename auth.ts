import NextAuth, { customFetch, type NextAuthConfig, type Session } from "next-auth";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { sessionStoreAdapter } from "@/db/adapter";
import { refreshProfile } from "@/db/sessions";
import { signInErrorPath } from "@/lib/auth-errors";
import { env, sessionLifetime } from "@/lib/env";
import { idTokenProblem } from "@/lib/id-token";
import { authEvents, isSignInError } from "@/lib/log";
import { providerFetch } from "@/lib/provider-fetch";
import { safeCallbackUrl, signInPath } from "@/lib/redirects";
import { logSignInFailure } from "@/lib/sign-in-failure";
import { readSession } from "@/lib/session";
import { authJsCookies, usesSecureCookies } from "@/lib/session-cookie";
import { newSessionToken } from "@/lib/session-token";

/** The stand-in or any OpenID provider when configured; Google itself otherwise. */
const issuer = env.AUTH_GOOGLE_ISSUER ?? "https://accounts.google.com";

const authConfig = {
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
      // Auth.js gives every new user a random id; ours are keyed by Google's `sub` (db/adapter.ts).
      profile: (google: GoogleProfile) => ({ id: google.sub, sub: google.sub, email: google.email, name: google.name ?? google.email, image: google.picture ?? null }),
      [customFetch]: providerFetch,
    }),
  ],
  adapter: sessionStoreAdapter(),
  secret: env.AUTH_SECRET.length > 0 ? env.AUTH_SECRET : undefined,
  // Our parsed value, never Auth.js's own reading of AUTH_TRUST_HOST (any non-empty string, `false` too, is true there).
  trustHost: env.AUTH_TRUST_HOST || env.AUTH_URL !== undefined,
  session: {
    strategy: "database",
    // The cookie's lifetime: the absolute cap. The database ends an idle session sooner (db/sessions.ts).
    maxAge: sessionLifetime.maxSeconds,
    generateSessionToken: () => newSessionToken(env.AUTH_SECRET[0]!),
  },
  pages: { signIn: "/signin", error: "/signin/error" },
  events: {
    async signIn(message) {
      // Name, picture and address follow the Google account: refreshed at every sign-in.
      if (message.user.id && message.profile) await refreshProfile(message.user.id, message.profile as GoogleProfile);
      authEvents.signIn(message);
    },
    signOut: authEvents.signOut,
  },
  logger: {
    // One line per failure in the server log (failed sign-ins are routine); the visitor sees our error page.
    error(error) {
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      logSignInFailure({ check: error.message.split("\n")[0] ?? error.name, type: (error as { type?: string }).type ?? error.name, cause }, isSignInError(error) ? "sign_in_failed" : "auth_error");
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
  },
} satisfies NextAuthConfig;

/** The cookies' names and attributes depend on whether the visitor came over https (`__Host-` then). */
async function configFor(request: NextRequest | undefined): Promise<NextAuthConfig> {
  const secure = usesSecureCookies((request?.headers ?? (await headers())).get("x-forwarded-proto"));
  return {
    ...authConfig,
    useSecureCookies: secure,
    cookies: authJsCookies(secure),
  };
}

export const { handlers, signIn, signOut } = NextAuth(configFor);

/** The session, read once per request however many components ask (lib/session.ts says why not Auth.js's `auth`). */
export const auth = cache(readSession);

/** The session of a protected page; a visitor without one goes through sign-in and comes back to `returnTo`. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await auth();
  if (!session) redirect(signInPath(returnTo));
  return session;
}
