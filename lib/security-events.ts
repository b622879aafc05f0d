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
