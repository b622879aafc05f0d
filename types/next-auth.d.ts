import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: {
      /** The Google account id (`sub`): stable, unlike the email. */
      id: string;
      email: string;
      name: string;
      image: string | null;
      emailVerified: boolean;
    } & Omit<DefaultSession["user"], "id" | "email" | "name" | "image">;
    /** Names this session in the session list; it opens nothing (the token never leaves the cookie). */
    sessionId: string;
    /** ISO time of the sign-in; the absolute session lifetime counts from here. */
    signedInAt: string;
    /** When this session's owner last signed in with Google (sign-in or re-verification), ISO 8601. */
    verifiedAt: string;
    /** Another of the person's sessions signed in from a new device, not yet answered: the page shows a notice. */
    hasNewDeviceNotice: boolean;
  }

  interface User {
    /** Google's account id, from the provider's profile: users are keyed by it (db/adapter.ts). */
    sub?: string;
  }
}
