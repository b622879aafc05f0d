import { createHash } from "node:crypto";

/** The claims Google puts in an ID token for the `openid email profile` scopes. */
export type GoogleClaims = {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  given_name: string;
  family_name: string;
  picture?: string;
  /** Hosted domain: Google sets it for Google Workspace accounts only. */
  hd?: string;
};

export interface SampleAccount {
  email: string;
  name: string;
  verified: boolean;
  /** Some Google accounts have no picture: the site must cope. */
  withPicture: boolean;
}

export const sampleAccounts: readonly SampleAccount[] = [
  { email: "ada@example.com", name: "Ada Lovelace", verified: true, withPicture: true },
  { email: "grace@example.com", name: "Grace Hopper", verified: true, withPicture: true },
  { email: "alan@example.com", name: "Alan Turing", verified: true, withPicture: false },
  { email: "sam@gmail.com", name: "Sam Personal", verified: true, withPicture: true },
  { email: "mallory@example.com", name: "Mallory Unverified", verified: false, withPicture: true },
];

const personalDomains = new Set(["gmail.com", "googlemail.com"]);

const emailPattern = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,189}\.[^\s@<>".]{2,63}$/;

export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && emailPattern.test(email);
}

/** Google's `sub` is a stable string of 21 digits; derive one from the email so a person keeps their id. */
export function subjectFor(email: string): string {
  const digest = createHash("sha256").update(email.toLowerCase()).digest();
  return "1" + (digest.readBigUInt64BE(0) % 10n ** 20n).toString().padStart(20, "0");
}

function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return (
    local
      .split(/[._+-]+/)
      .filter(Boolean)
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(" ") || email
  );
}

export function claimsFor(
  issuer: string,
  {
    email,
    name = nameFromEmail(email),
    verified = true,
    withPicture = true,
  }: Partial<SampleAccount> & { email: string },
): GoogleClaims {
  const sub = subjectFor(email);
  const [given_name = name, ...rest] = name.split(" ");
  const domain = email.split("@").pop()!.toLowerCase();
  return {
    sub,
    email: email.toLowerCase(),
    email_verified: verified,
    name,
    given_name,
    family_name: rest.join(" "),
    ...(withPicture ? { picture: `${issuer}/avatars/${sub}.svg` } : {}),
    ...(personalDomains.has(domain) ? {} : { hd: domain }),
  };
}

const palette = ["#1a73e8", "#188038", "#c5221f", "#a142f4", "#e37400", "#007b83"];

/** A small SVG avatar with the person's initials, so pictures work offline. */
export function avatarSvg({ name, sub }: Pick<GoogleClaims, "name" | "sub">): string {
  const initials = name
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, "")[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const colour = palette[Number(BigInt(sub) % BigInt(palette.length))];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" fill="${colour}"/><text x="48" y="60" font-family="system-ui,sans-serif" font-size="38" font-weight="600" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
}
