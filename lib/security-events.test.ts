import { describe, expect, it } from "vitest";
import { eventTitle } from "./security-events";

const report = (detail: string | null) => eventTitle({ kind: "google-report", detail });

describe("an activity entry's title", () => {
  it("says in plain words what each of Google's reports did", () => {
    expect(report("sessions-revoked")).toBe("Google told us to end your account's sessions: they were ended");
    expect(report("account-disabled (hijacking)")).toMatch(/may have been taken over: .* sign-in is refused/);
    expect(report("account-disabled (bulk-account)")).toBe(
      "Google told us your Google account was disabled: its sessions were ended",
    );
    expect(report("account-enabled")).toMatch(/restored: you can sign in with it again/);
    expect(report("account-credential-change-required")).toMatch(/change your Google account's password/);
    expect(report("tokens-revoked")).toMatch(/we keep no Google tokens/);
    expect(report("token-revoked")).toBe(report("tokens-revoked"));
  });

  it("says only that Google wrote for a type it does not know, or no detail", () => {
    expect(report("https://schemas.example/new-type")).toBe("Google sent us a message about your account");
    expect(report(null)).toBe("Google sent us a message about your account");
  });

  it("names the other kinds by what happened", () => {
    expect(eventTitle({ kind: "sign-in-refused", detail: "x" })).toBe("A sign-in to this account was refused");
    expect(eventTitle({ kind: "signed-in", detail: null })).toBe("Signed in");
  });
});
