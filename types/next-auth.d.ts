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
    /** ISO time of the sign-in; the absolute session lifetime counts from here. */
    signedInAt: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    emailVerified?: boolean;
    /** Unix seconds of the sign-in. */
    signedInAt: number;
  }
}
