/** What the account page says after one of its actions (`/account?done=…`); anything else in the address says nothing. */
const accountNotices = {
  device: "That device is signed out.",
  others: "Every other device is signed out.",
  "not-found": "That session had already ended, so there was nothing to sign out.",
} as const;

export type AccountNotice = keyof typeof accountNotices;

export function accountNotice(done: string | string[] | undefined): string | null {
  return typeof done === "string" && Object.hasOwn(accountNotices, done) ? accountNotices[done as AccountNotice] : null;
}
