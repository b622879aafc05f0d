/** The kinds of entry on a person's security activity page (the `security_events` table). */
export type SecurityEventKind =
  | "signed-in"
  | "signed-out"
  /** A device was signed out from another one (the device list, "That wasn't me", a new-device notice). */
  | "device-signed-out"
  | "signed-out-everywhere"
  | "reverified"
  /** Google's Cross-Account Protection told us something about the account; the detail says what. */
  | "google-report"
  /** A sign-in to this account was refused; the detail says which check. */
  | "sign-in-refused";

/** A name without its version: "Firefox 140" → "Firefox", "macOS 14.5" → "macOS"; null stays null. */
function withoutVersion(name: string | null): string | null {
  return name?.replace(/(\s+[\d.]+)+$/, "").trim() || null;
}

/**
 * The same device, for the new-device notice: the same browser and OS, versions aside (an update is no new device).
 * What the User-Agent says is all there is, so two laptops with the same browser and OS count as one.
 */
export function sameDevice(
  a: { browser: string | null; os: string | null },
  b: { browser: string | null; os: string | null },
): boolean {
  return withoutVersion(a.browser) === withoutVersion(b.browser) && withoutVersion(a.os) === withoutVersion(b.os);
}

/** "Firefox on Linux": the browser and OS without versions, as the notice and the mail say it. */
export function deviceLabel(device: { browser: string | null; os: string | null }): string {
  return `${withoutVersion(device.browser) ?? "An unknown browser"} on ${withoutVersion(device.os) ?? "an unknown system"}`;
}

/** What Google's report said, in plain words, by the event type at the start of its detail (lib/risc.ts writes it). */
function googleReportTitle(detail: string | null): string {
  const [type, reason] = (detail ?? "").split(" ");
  switch (type) {
    case "sessions-revoked":
      return "Google told us to end your account's sessions: they were ended";
    case "account-disabled":
      return reason === "(hijacking)"
        ? "Google told us your Google account may have been taken over: its sessions were ended, and sign-in is refused until Google restores it"
        : "Google told us your Google account was disabled: its sessions were ended";
    case "account-enabled":
      return "Google told us your Google account was restored: you can sign in with it again";
    case "account-credential-change-required":
      return "Google asked you to change your Google account's password";
    case "tokens-revoked":
    case "token-revoked":
      return "Google told us it withdrew this site's access to your Google account (we keep no Google tokens)";
    default:
      return "Google sent us a message about your account";
  }
}

/** What an entry says on the activity page, in plain words. */
export function eventTitle(event: { kind: SecurityEventKind; detail: string | null }): string {
  switch (event.kind) {
    case "signed-in":
      return "Signed in";
    case "signed-out":
      return "Signed out";
    case "device-signed-out":
      return "A device was signed out from another one";
    case "signed-out-everywhere":
      return "Signed out everywhere";
    case "reverified":
      return "Confirmed it was you at Google";
    case "google-report":
      return googleReportTitle(event.detail);
    case "sign-in-refused":
      return "A sign-in to this account was refused";
  }
}
