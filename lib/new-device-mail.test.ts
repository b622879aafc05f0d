import { describe, expect, it } from "vitest";
import { newDeviceMail } from "./new-device-mail";

const signIn = {
  email: "ada@example.com",
  browser: "Firefox 128",
  os: "Linux",
  network: "203.0.113.0/24",
  at: new Date("2026-12-04T01:02:00Z"),
  activityUrl: "https://nametag.example/account/activity",
};

describe("the new-device mail", () => {
  it("names the device without versions, the network and the time in UTC", () => {
    const { subject, text } = newDeviceMail(signIn);
    expect(subject).toBe("New sign-in to Nametag: Firefox on Linux");
    expect(text).toContain("ada@example.com signed in to Nametag");
    expect(text).toContain("  Firefox on Linux, from the network 203.0.113.0/24\n  on 4 Dec 2026, 01:02 UTC\n");
    expect(text).toContain("  https://nametag.example/account/activity\n");
    expect(text).toContain("https://myaccount.google.com/security");
  });

  it("says where to go when the site's address is unknown, and leaves out an unknown network", () => {
    const { text } = newDeviceMail({ ...signIn, network: null, activityUrl: undefined });
    expect(text).toContain("  Firefox on Linux\n  on 4 Dec 2026");
    expect(text).toContain("security activity page (Account, then\nSecurity activity)");
    expect(text).not.toContain("http://");
  });

  it("keeps every line short enough to go unencoded", () => {
    const { text } = newDeviceMail(signIn);
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(76);
  });
});
