import { describe, expect, it } from "vitest";
import { clientAddress, isLoopbackAddress, trustProxies } from "./client-address";

const nobody = trustProxies([]);
const loopback = trustProxies(["loopback"]);

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.23", nobody)).toBe("203.0.113.7");
    expect(clientAddress("127.0.0.1", "198.51.100.23", nobody)).toBe("127.0.0.1");
    expect(clientAddress("203.0.113.7", undefined, nobody)).toBe("203.0.113.7");
  });

  it("behind a trusted loopback proxy, is the last hop that proxy did not vouch for", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.23", loopback)).toBe("198.51.100.23");
    // nginx appends whom it saw: what the visitor wrote before that is the visitor's own claim.
    expect(clientAddress("127.0.0.1", "127.0.0.1, 198.51.100.23", loopback)).toBe("198.51.100.23");
    expect(clientAddress("127.0.0.1", "10.0.0.9, 192.0.2.1, 198.51.100.23", loopback)).toBe("198.51.100.23");
  });

  it("walks a chain of trusted proxies back to the first untrusted address", () => {
    const both = trustProxies(["loopback", "10.0.0.0/8"]);
    expect(clientAddress("127.0.0.1", "192.0.2.1, 198.51.100.23, 10.1.2.3", both)).toBe("198.51.100.23");
    // Every hop trusted: the furthest one named.
    expect(clientAddress("127.0.0.1", "10.0.0.4, 10.1.2.3", both)).toBe("10.0.0.4");
  });

  it("a peer that is not a trusted proxy is the visitor, even if it forwards", () => {
    expect(clientAddress("203.0.113.7", "127.0.0.1", loopback)).toBe("203.0.113.7");
  });

  it("reads IPv6 and IPv4-mapped peers and hops", () => {
    expect(clientAddress("::1", "2001:db8:85a3::1", loopback)).toBe("2001:db8:85a3::1");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.23", loopback)).toBe("198.51.100.23");
    expect(clientAddress("::ffff:203.0.113.7", "198.51.100.23", loopback)).toBe("::ffff:203.0.113.7");
    expect(clientAddress("2001:db8::7", "198.51.100.23", nobody)).toBe("2001:db8::7");
  });

  it("is unknown without a peer, or when a trusted proxy forwards something that is not an address", () => {
    expect(clientAddress(undefined, "198.51.100.23", loopback)).toBeNull();
    expect(clientAddress(undefined, undefined, nobody)).toBeNull();
    expect(clientAddress("127.0.0.1", "evil.example", loopback)).toBeNull();
    expect(clientAddress("127.0.0.1", "198.51.100.23:4711", loopback)).toBeNull();
  });
});

describe("trustProxies", () => {
  it("takes proxy-addr's names, addresses and CIDRs", () => {
    const trust = trustProxies(["uniquelocal", "192.0.2.10", "2001:db8::/32"]);
    expect(trust("10.1.2.3", 0)).toBe(true);
    expect(trust("192.0.2.10", 0)).toBe(true);
    expect(trust("192.0.2.11", 0)).toBe(false);
    expect(trust("2001:db8:1::1", 0)).toBe(true);
  });

  it("refuses what is not an address, naming it", () => {
    expect(() => trustProxies(["proxy.example"])).toThrow("invalid IP address: proxy.example");
    expect(() => trustProxies(["10.0.0.0/33"])).toThrow("invalid range on address: 10.0.0.0/33");
  });
});

describe("isLoopbackAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["192.0.2.2", false],
    ["::ffff:192.0.2.2", false],
    ["fd00::2", false],
    [null, false],
  ])("%s → %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});
