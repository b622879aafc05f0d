/**
 * Auth.js: the Google provider, the sign-in checks, and the database adapter that stores sessions (db/adapter.ts).
 * Auth.js runs the sign-in and writes the session cookie; reading the session afterwards is ours (server/session.ts
 * builds the session's shape from db/session-queries.ts), so `callbacks.session` and Auth.js's `auth()` are not used.
 */
import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { env, issuer, publicOrigin, sessionLifetime, trustHost } from "@/config/env";
import { sessionStoreAdapter } from "@/db/adapter";
import { isGoogleSignInBlocked } from "@/db/google-reports";
import { refreshProfile } from "@/db/user-queries";
import { authJsCookies } from "@/lib/auth-cookies";
import { safeCallbackUrl } from "@/lib/redirects";
import { newSessionToken } from "@/lib/session-token";
import { signInErrorPath } from "@/lib/sign-in-problems";
import { idTokenProblem } from "@/server/id-token";
import { authEvents, isSignInError } from "@/server/log";
import { finishReverification } from "@/server/reverification";
import { providerFetch } from "@/server/provider-fetch";
import { requestDevice } from "@/server/request-address";
import { usesSecureCookies } from "@/server/session";
import { logSignInFailure, noteSessionNotEnded, refuseSignIn } from "@/server/sign-in-failure";
import { mailNewDeviceNotice } from "@/server/new-device-mail";

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
          ...(env.AUTH_GOOGLE_HD.length === 1
            ? { hd: env.AUTH_GOOGLE_HD[0] }
            : env.AUTH_GOOGLE_HD.length > 1
              ? { hd: "*" }
              : {}),
        },
      },
      // Auth.js gives every new user a random id; ours are keyed by Google's `sub` (db/adapter.ts).
      profile: (google: GoogleProfile) => ({
        id: google.sub,
        sub: google.sub,
        email: google.email,
        name: google.name ?? google.email,
        image: google.picture ?? null,
      }),
      [customFetch]: providerFetch,
    }),
  ],
  secret: env.AUTH_SECRET.length > 0 ? env.AUTH_SECRET : undefined,
  // Our parsed value, never Auth.js's own reading of AUTH_TRUST_HOST (any non-empty string, `false` too, is true there).
  trustHost,
  session: {
    strategy: "database",
    // The cookie's lifetime: the absolute cap. The database ends an idle session sooner (db/session-queries.ts).
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
      if ((error as { type?: string }).type === "SignOutError") noteSessionNotEnded();
      logSignInFailure(
        {
          check: error.message.split("\n")[0] ?? error.name,
          type: (error as { type?: string }).type ?? error.name,
          cause,
        },
        isSignInError(error) ? "sign_in_failed" : "auth_error",
      );
    },
  },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "google" || !profile) return false;
      const problem = await idTokenProblem(account.id_token, { issuer, clientId: env.AUTH_GOOGLE_ID ?? "" });
      if (problem) return signInErrorPath("AccessDenied", logSignInFailure({ check: problem }));
      // A re-verification never starts a session: it rotates the one it verifies, or refuses.
      const reverified = await finishReverification(account.id_token);
      if (reverified) return reverified;
      const google = profile as GoogleProfile;
      const attempt = { userId: google.sub, device: requestDevice(await headers()) };
      if (google.email_verified !== true)
        return refuseSignIn("EmailUnverified", "email_verified is not true in the ID token", attempt);
      if (env.AUTH_GOOGLE_HD.length > 0 && !env.AUTH_GOOGLE_HD.includes(google.hd?.toLowerCase() ?? ""))
        return refuseSignIn(
          "DomainNotAllowed",
          `hd ${JSON.stringify(google.hd ?? null)} not in AUTH_GOOGLE_HD`,
          attempt,
        );
      // Google reported the account hijacked (Cross-Account Protection): refused until it reports it enabled again.
      if (await isGoogleSignInBlocked(google.sub))
        return refuseSignIn(
          "GoogleReportedProblem",
          "Google reported the account hijacked (Cross-Account Protection)",
          attempt,
        );
      return true;
    },
    // Auth.js's default keeps `/\evil.example` as a "path" and fails the sign-in on `%2F%2Fevil.example`: same rule as our pages.
    redirect({ url, baseUrl }) {
      return baseUrl + safeCallbackUrl(url, "/", baseUrl);
    },
  },
} satisfies NextAuthConfig;

/**
 * Per request: the cookies' names and attributes depend on whether the visitor came over https (`__Host-` then), and
 * the session a sign-in creates records the device it came from (and mails the person when that device is new).
 */
async function configFor(request: NextRequest | undefined): Promise<NextAuthConfig> {
  const requestHeaders = request?.headers ?? (await headers());
  const secure = usesSecureCookies(requestHeaders.get("x-forwarded-proto"));
  return {
    ...authConfig,
    adapter: sessionStoreAdapter(
      () => requestDevice(requestHeaders),
      // The mail's link: AUTH_URL's origin, or the one the request came to (the proxy's, behind a trusted one).
      (event) => mailNewDeviceNotice(event, publicOrigin?.origin ?? request?.nextUrl.origin),
    ),
    useSecureCookies: secure,
    cookies: authJsCookies(secure),
  };
}

export const { handlers, signIn } = NextAuth(configFor);
