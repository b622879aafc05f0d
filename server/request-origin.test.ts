import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { isCrossOriginWrite, withRequestOrigin } from "./request-origin";

const request = (headers: Record<string, string>) =>
  new NextRequest("http://localhost:3000/api/auth/callback/google?code=1", { headers });

describe("withRequestOrigin", () => {
  it("takes the origin a trusted proxy reports", () => {
    const rebuilt = withRequestOrigin(
      request({ "x-forwarded-host": "hello.example.com", "x-forwarded-proto": "https" }),
      { originFromRequest: true },
    );
    expect(rebuilt.url).toBe("https://hello.example.com/api/auth/callback/google?code=1");
  });

  it("falls back to the Host header", () => {
    expect(withRequestOrigin(request({ host: "hello.example.com:8080" }), { originFromRequest: true }).url).toBe(
      "http://hello.example.com:8080/api/auth/callback/google?code=1",
    );
  });

  it("ignores the headers unless the host is trusted", () => {
    expect(withRequestOrigin(request({ "x-forwarded-host": "evil.example" }), { originFromRequest: false }).url).toBe(
      "http://localhost:3000/api/auth/callback/google?code=1",
    );
  });

  it("ignores a malformed host or scheme", () => {
    expect(
      withRequestOrigin(request({ "x-forwarded-host": "a b/c", "x-forwarded-proto": "https" }), {
        originFromRequest: true,
      }).url,
    ).toMatch(/^http:\/\/localhost:3000\//);
    expect(
      withRequestOrigin(request({ "x-forwarded-host": "ok.example", "x-forwarded-proto": "javascript" }), {
        originFromRequest: true,
      }).url,
    ).toMatch(/^http:\/\/localhost:3000\//);
  });
});

describe("isCrossOriginWrite", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("lets our own pages post", () => {
    expect(isCrossOriginWrite("POST", headers({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(
      false,
    );
    expect(
      isCrossOriginWrite(
        "POST",
        headers({
          origin: "https://hello.example.com",
          host: "10.0.0.5:3000",
          "x-forwarded-host": "hello.example.com",
        }),
      ),
    ).toBe(false);
  });

  it("refuses another site's post, and an opaque origin", () => {
    expect(isCrossOriginWrite("POST", headers({ origin: "http://evil.example", host: "localhost:3000" }))).toBe(true);
    expect(isCrossOriginWrite("POST", headers({ origin: "null", host: "localhost:3000" }))).toBe(true);
  });

  it("leaves reads, and requests without an Origin (not from a browser form), alone", () => {
    expect(isCrossOriginWrite("GET", headers({ origin: "http://evil.example", host: "localhost:3000" }))).toBe(false);
    expect(isCrossOriginWrite("POST", headers({ host: "localhost:3000" }))).toBe(false);
  });
});
