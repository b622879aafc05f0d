import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trustProxies } from "./client-address";
import { clientAddressHeader, installClientAddress, requestClientAddress, requestDevice } from "./request-address";

/** What a route handler would see: the request's headers as the server handed them on. */
const seen = (headers: IncomingHttpHeaders) =>
  requestClientAddress(
    new Headers(Object.entries(headers).map(([name, value]): [string, string] => [name, String(value)])),
  );

describe("the address the server hands to route handlers", () => {
  let port: number;
  const server = createServer((request, response) => response.end(JSON.stringify(seen(request.headers))));

  beforeAll(async () => {
    // As instrumentation.ts does, with the loopback proxy trusted: this test's requests come from loopback.
    installClientAddress(trustProxies(["loopback"]));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = (headers: Record<string, string>) =>
    new Promise<string | null>((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port, headers }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve(JSON.parse(body) as string | null));
      })
        .on("error", reject)
        .end();
    });

  it("is the socket's peer, or the trusted proxy's forwarded address", async () => {
    expect(await ask({})).toBe("127.0.0.1");
    expect(await ask({ "x-forwarded-for": "198.51.100.23" })).toBe("198.51.100.23");
  });

  it("overwrites whatever the client sent under our header's name", async () => {
    expect(await ask({ [clientAddressHeader]: "203.0.113.9" })).toBe("127.0.0.1");
  });

  it("is unknown for a value the server did not write, also one shaped like its own", () => {
    expect(seen({ [clientAddressHeader]: "203.0.113.9" })).toBeNull();
    expect(seen({ [clientAddressHeader]: "00000000-0000-4000-8000-000000000000 203.0.113.9" })).toBeNull();
    expect(seen({})).toBeNull();
  });
});

describe("requestDevice", () => {
  it("takes no network from a header the client wrote: only the server's own resolution counts", () => {
    const headers = new Headers({
      "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "x-forwarded-for": "198.51.100.23",
    });
    expect(requestDevice(headers)).toEqual({ browser: "Firefox 133", os: "Windows 10", network: null });
  });
});
