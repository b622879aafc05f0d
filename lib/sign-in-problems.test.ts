import { describe, expect, it } from "vitest";
import { signInErrorPath, signInProblem } from "./sign-in-problems";

describe("signInProblem", () => {
  it("explains our own codes", () => {
    expect(signInProblem("EmailUnverified").title).toMatch(/not verified/);
    expect(signInProblem("DomainNotAllowed").code).toBe("DomainNotAllowed");
    expect(signInProblem("GoogleReportedProblem").message).toContain("https://myaccount.google.com/security");
  });

  it("treats a refused or broken callback as a sign-in that did not finish", () => {
    expect(signInProblem("OAuthCallbackError").code).toBe("AccessDenied");
    expect(signInProblem("AccessDenied").code).toBe("AccessDenied");
  });

  it("does not mistake inherited names for codes", () => {
    expect(signInProblem("toString").code).toBe("Configuration");
    expect(signInProblem("__proto__").title).toBe("Sign-in is not working right now");
  });

  it("never echoes unknown input", () => {
    const problem = signInProblem("<script>alert(1)</script>");
    expect(problem.code).toBe("Configuration");
    expect(JSON.stringify(problem)).not.toContain("script");
  });

  it("builds the error page path", () => {
    expect(signInErrorPath("EmailUnverified")).toBe("/signin/error?error=EmailUnverified");
  });
});
