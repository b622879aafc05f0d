import { afterEach, describe, expect, it, vi } from "vitest";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import nextConfig from "../next.config";
import {
  failureReference,
  logSignInFailure,
  newReference,
  referencePattern,
  traceSignIn,
  withReference,
} from "./sign-in-failure";

afterEach(() => vi.restoreAllMocks());

describe("sign-in failure references", () => {
  it("are 8 base32 characters, fresh each time", () => {
    const references = new Set(Array.from({ length: 200 }, newReference));
    for (const reference of references) expect(reference).toMatch(referencePattern);
    expect(references.size).toBe(200);
  });

  it("are taken from a query only when they have exactly our shape", () => {
    expect(failureReference("ABCDEFG2")).toBe("ABCDEFG2");
    expect(failureReference(["ABCDEFG2", "x"])).toBe("ABCDEFG2");
    for (const bad of ["abcdefg2", "ABCDEFG1", "ABCDEFG", "ABCDEFGHI", "<b>HACK</b>", "", undefined])
      expect(failureReference(bad)).toBeUndefined();
  });

  it("log one line naming the check, the Auth.js type, the cause and the last provider request, and hand the reference on", async () => {
    const { log } = await import("./log");
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const { result, trace } = await traceSignIn(async () => {
      const { noteProviderRequest } = await import("./sign-in-failure");
      noteProviderRequest("POST https://idp.example/token → 500");
      return logSignInFailure({ check: "token request", type: "CallbackRouteError", cause: new Error("bad answer") });
    });
    expect(trace.reference).toBe(result);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual({
      event: "sign_in_failed",
      reference: result,
      errorClass: "CallbackRouteError",
      check: "token request",
      cause: "bad answer",
      provider: "POST https://idp.example/token → 500",
    });
  });

  it("describe a cause that is not an Error by its content, not as `[object Object]`", async () => {
    const { log } = await import("./log");
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    logSignInFailure({ check: "token request", cause: { status: 500 } });
    logSignInFailure({ check: "token request", cause: "plain words" });
    expect(warn.mock.calls.map(([fields]) => (fields as { cause?: string }).cause)).toEqual([
      "{ status: 500 }",
      "plain words",
    ]);
  });

  it("go on our error page's URL, relative or absolute, and nowhere else", () => {
    expect(withReference("/signin/error?error=AccessDenied", "ABCDEFG2")).toBe(
      "/signin/error?error=AccessDenied&ref=ABCDEFG2",
    );
    expect(withReference("http://localhost:3000/signin/error?error=Configuration", "ABCDEFG2")).toBe(
      "http://localhost:3000/signin/error?error=Configuration&ref=ABCDEFG2",
    );
    expect(withReference("https://idp.example/authorize?x=1", "ABCDEFG2")).toBe("https://idp.example/authorize?x=1");
    expect(withReference("/signin/error?error=X", undefined)).toBe("/signin/error?error=X");
  });
});

describe("development request logging", () => {
  it("leaves out every request whose URL carries an authorization code, state or token", () => {
    const { logging } = nextConfig(PHASE_DEVELOPMENT_SERVER);
    const incoming =
      logging && typeof logging.incomingRequests === "object" ? logging.incomingRequests.ignore : undefined;
    const ignored = (url: string) => incoming?.some((pattern) => pattern.test(url)) ?? false;
    expect(ignored("/api/auth/callback/google?code=abc&state=def")).toBe(true);
    expect(ignored("/api/auth/callback/google?state=def&code=abc&iss=x")).toBe(true);
    expect(ignored("/somewhere?state=1")).toBe(true);
    expect(ignored("/greeting")).toBe(false);
    expect(ignored("/signin?callbackUrl=%2Fgreeting")).toBe(false);
  });
});
