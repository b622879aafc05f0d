import { describe, expect, it } from "vitest";
import { avatarSvg, claimsFor, isPlausibleEmail, subjectFor } from "./accounts";

describe("the stand-in's accounts", () => {
  it("gives an email a stable, Google-shaped subject", () => {
    expect(subjectFor("ada@example.com")).toMatch(/^\d{21}$/);
    expect(subjectFor("Ada@Example.com")).toBe(subjectFor("ada@example.com"));
    expect(subjectFor("grace@example.com")).not.toBe(subjectFor("ada@example.com"));
  });

  it("builds Google's ID token claims", () => {
    const claims = claimsFor("http://127.0.0.1:3001", { email: "grace.hopper@example.com" });
    expect(claims).toMatchObject({
      email: "grace.hopper@example.com",
      email_verified: true,
      name: "Grace Hopper",
      given_name: "Grace",
      family_name: "Hopper",
      hd: "example.com",
    });
    expect(claims.picture).toBe(`http://127.0.0.1:3001/avatars/${claims.sub}.svg`);
  });

  it("leaves out hd for personal accounts and the picture when asked", () => {
    const claims = claimsFor("http://x", { email: "sam@gmail.com", withPicture: false });
    expect(claims.hd).toBeUndefined();
    expect(claims.picture).toBeUndefined();
  });

  it("accepts only plausible emails", () => {
    expect(isPlausibleEmail("a@b.co")).toBe(true);
    expect(isPlausibleEmail("not-an-email")).toBe(false);
    expect(isPlausibleEmail("<x>@y.com")).toBe(false);
  });

  it("draws initials without letting names inject markup", () => {
    const svg = avatarSvg({ name: '<b>"Evil"</b> Name', sub: subjectFor("e@x.com") });
    expect(svg).not.toContain("<b>");
    expect(svg).toMatch(/>BN</);
  });
});
