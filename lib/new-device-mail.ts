import { formatUtc } from "./format-time";
import { deviceLabel } from "./security-events";

/** What the new-device mail is about: the sign-in's device and network, and where the person can answer it. */
export interface NewDeviceSignIn {
  email: string;
  browser: string | null;
  os: string | null;
  network: string | null;
  at: Date;
  /** The activity page's absolute URL; unknown when the site's public address is (no AUTH_URL, no request). */
  activityUrl: string | undefined;
}

/**
 * The mail the new-device notice also goes as: plain text (nothing to render, nothing remote to load), short lines,
 * ASCII but for what the person's own device and address bring. It says what happened, what to do if it was not
 * them, and never carries a link that acts by itself: the activity page asks them to be signed in.
 */
export function newDeviceMail(signIn: NewDeviceSignIn): { subject: string; text: string } {
  const device = deviceLabel(signIn);
  const open = signIn.activityUrl
    ? ["If it wasn't you, open your security activity page,", "", `  ${signIn.activityUrl}`, ""]
    : ["If it wasn't you, open Nametag's security activity page (Account, then", "Security activity)"];
  return {
    subject: `New sign-in to Nametag: ${device}`,
    text: [
      `Your account ${signIn.email} signed in to Nametag on a device`,
      "it had not used before:",
      "",
      `  ${device}${signIn.network ? `, from the network ${signIn.network}` : ""}`,
      `  on ${formatUtc(signIn.at)}`,
      "",
      "If it was you, there is nothing to do.",
      "",
      ...open,
      `and choose "That wasn't me" beside that sign-in: the device is signed`,
      "out at once. Then check your Google account's security page:",
      "",
      "  https://myaccount.google.com/security",
      "",
      "You get this mail because someone signed in with your Google account.",
      "",
    ].join("\n"),
  };
}
