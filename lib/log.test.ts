import { describe, expect, it } from "vitest";
import { maskEmail, userFields, userReference } from "./log";

describe("maskEmail", () => {
  it("keeps the first letter and the domain only", () => {
    expect(maskEmail("ada.lovelace@example.com")).toBe("a***@example.com");
    expect(maskEmail("x@example.com")).toBe("x***@example.com");
  });
  it("hides anything that is not an address entirely", () => {
    expect(maskEmail("no-at-sign")).toBe("***");
    expect(maskEmail("@example.com")).toBe("***");
  });
  it("uses the last @, so a quoted local part does not leak", () => {
    expect(maskEmail('"ada@home"@example.com')).toBe('"***@example.com');
  });
});

describe("userFields", () => {
  const user = { id: "108234567890", email: "grace.hopper@example.com" };
  it("never carries the full address or the subject when masking (production)", () => {
    const fields = userFields(user, true);
    expect(JSON.stringify(fields)).not.toContain("grace.hopper");
    expect(JSON.stringify(fields)).not.toContain(user.id);
    expect(fields).toEqual({ user: userReference(user.id), email: "g***@example.com" });
  });
  it("shows the address in development, where it is the developer's own test account", () => {
    expect(userFields(user, false).email).toBe(user.email);
  });
  it("gives one account the same reference every time, and another a different one", () => {
    expect(userReference("1")).toBe(userReference("1"));
    expect(userReference("1")).not.toBe(userReference("2"));
  });
});
