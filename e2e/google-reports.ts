import { subjectFor } from "../google-stand-in/accounts";

export const eventUri = (name: string) => `https://schemas.openid.net/secevent/risc/event-type/${name}`;

/** The claims of one of Google's Cross-Account Protection events about a person who signed in at the stand-in. */
export const aboutSub = (name: string, email: string, extra: Record<string, unknown> = {}) => ({
  events: {
    [eventUri(name)]: {
      subject: { subject_type: "iss-sub", iss: "https://accounts.google.com/", sub: subjectFor(email) },
      ...extra,
    },
  },
});

/** A token signed by the stand-in's transmitter (its loopback-only test hook), as Google would sign it. */
export async function signedByStandIn(standInOrigin: string, claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${standInOrigin}/risc/test/sign`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(claims),
  });
  if (response.status !== 200) throw new Error(`the stand-in would not sign: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
