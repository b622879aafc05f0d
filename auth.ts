import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import { cache } from "react";
import { env } from "@/lib/env";
import { signInErrorPath } from "@/lib/auth-errors";

/** A provider that does not answer must not leave a visitor's sign-in hanging. */
const providerTimeoutMs = 8_000;

export const authConfig = {
  providers: [
    Google({
      clientId: env.AUTH_GOOGLE_ID,
      clientSecret: env.AUTH_GOOGLE_SECRET,
      // Unset means Google itself; the stand-in or any OpenID provider otherwise.
      issuer: env.AUTH_GOOGLE_ISSUER,
      checks: ["pkce", "state", "nonce"],
      authorization: {
        params: {
          // Lets a visitor pick another account after signing out, instead of Google reusing the last one.
          prompt: "select_account",
          ...(env.AUTH_GOOGLE_HD.length === 1 ? { hd: env.AUTH_GOOGLE_HD[0] } : env.AUTH_GOOGLE_HD.length > 1 ? { hd: "*" } : {}),
        },
      },
      [customFetch]: (input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, { ...init, signal: AbortSignal.timeout(providerTimeoutMs) }),
    }),
  ],
  secret: env.AUTH_SECRET.length > 0 ? env.AUTH_SECRET : undefined,
  session: { strategy: "jwt", maxAge: env.AUTH_SESSION_IDLE_SECONDS },
  pages: { signIn: "/signin", error: "/signin/error" },
  callbacks: {
    signIn({ account, profile }) {
      if (account?.provider !== "google" || !profile) return false;
      const google = profile as GoogleProfile;
      if (google.email_verified !== true) return signInErrorPath("EmailUnverified");
      if (env.AUTH_GOOGLE_HD.length > 0 && !env.AUTH_GOOGLE_HD.includes(google.hd?.toLowerCase() ?? ""))
        return signInErrorPath("DomainNotAllowed");
      return true;
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
      if (typeof token.signedInAt !== "number" || now - token.signedInAt > env.AUTH_SESSION_MAX_SECONDS) return null;
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        user: {
          id: token.sub!,
          email: token.email!,
          name: token.name ?? token.email!,
          image: token.picture ?? null,
          emailVerified: token.emailVerified === true,
        },
        signedInAt: new Date(token.signedInAt * 1000).toISOString(),
      };
    },
  },
} satisfies NextAuthConfig;

const nextAuth = NextAuth(authConfig);

export const { handlers, signIn, signOut } = nextAuth;

/** The session, read once per request however many components ask. */
export const auth = cache(nextAuth.auth);
