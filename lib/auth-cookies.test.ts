import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { authJsCookies, sessionCookieName, signInFlowCookieNames } from "./auth-cookies";

describe("the site's cookie names", () => {
  it("are __Host- over https, and Auth.js's own over plain http", () => {
    expect(sessionCookieName(true)).toBe("__Host-authjs.session-token");
    expect(sessionCookieName(false)).toBe("authjs.session-token");
    expect(
      Object.values(authJsCookies(true)).every(
        ({ name, options }) => name.startsWith("__Host-") && options.secure && options.path === "/",
      ),
    ).toBe(true);
    expect(signInFlowCookieNames(false)).toEqual(["authjs.csrf-token", "authjs.callback-url"]);
  });

  it("are the ones middleware.ts's matcher wakes it for on `/` (a matcher must be a literal, so it repeats them)", () => {
    const keys = [...readFileSync("middleware.ts", "utf8").matchAll(/type: "cookie", key: "([^"]+)"/g)].map(
      ([, key]) => key,
    );
    expect(keys.sort()).toEqual([sessionCookieName(true), sessionCookieName(false)].sort());
  });
});
