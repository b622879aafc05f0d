/** What a visitor is told when sign-in fails, by the error code Auth.js (or our callbacks) put in the URL. */
export interface SignInProblem {
  title: string;
  message: string;
}

const problems = {
  AccessDenied: {
    title: "Sign-in did not finish",
    message:
      "Google did not confirm who you are: perhaps access was denied, or the sign-in was interrupted. You are not signed in; try again whenever you like.",
  },
  EmailUnverified: {
    title: "Your email address is not verified",
    message:
      "Google has not verified the email address on this account. Verify it with Google, or use another account.",
  },
  DomainNotAllowed: {
    title: "This account is not allowed here",
    message: "This site only accepts accounts from its own organisation. Sign in with your work account.",
  },
  GoogleReportedProblem: {
    title: "Google reported a problem with this account",
    message:
      "Google told us this Google account may have been taken over, so we do not accept sign-in with it for now. Check your Google account's security page at https://myaccount.google.com/security; once Google has restored the account, you can sign in again.",
  },
  Configuration: {
    title: "Sign-in is not working right now",
    message:
      "Something is wrong on our side, or the sign-in did not complete. Please try again; if it keeps happening, tell us.",
  },
} satisfies Record<string, SignInProblem>;

export type SignInErrorCode = keyof typeof problems;

/** Auth.js error types that mean "the visitor or Google said no", rather than a fault of ours. */
const deniedTypes = new Set([
  "AccessDenied",
  "OAuthCallbackError",
  "OAuthSignInError",
  "CallbackRouteError",
  "InvalidCheck",
  "Verification",
]);

export function signInProblem(code: string | undefined): SignInProblem & { code: SignInErrorCode } {
  if (code && Object.hasOwn(problems, code))
    return { code: code as SignInErrorCode, ...problems[code as SignInErrorCode] };
  if (code && deniedTypes.has(code)) return { code: "AccessDenied", ...problems.AccessDenied };
  return { code: "Configuration", ...problems.Configuration };
}

export const signInErrorPage = "/signin/error";

/** Our error page for `code`, with the reference of the logged failure when there is one. */
export function signInErrorPath(code: SignInErrorCode, reference?: string): string {
  return `${signInErrorPage}?${new URLSearchParams({ error: code, ...(reference ? { ref: reference } : {}) })}`;
}
