import { describe, expect, it } from "vitest";
import { deviceFrom, networkOf } from "./device";

describe("deviceFrom", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
      "Chrome 156",
      "Linux",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari 17",
      "iOS 17.5",
    ],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133", "Windows 10"],
  ])("reads %s", (userAgent, browser, os) => {
    expect(deviceFrom(userAgent)).toEqual({ browser, os });
  });

  it("knows nothing from nothing", () => {
    expect(deviceFrom(null)).toEqual({ browser: null, os: null });
    expect(deviceFrom("")).toEqual({ browser: null, os: null });
  });
});

describe("networkOf", () => {
  it.each([
    ["203.0.113.77", "203.0.113.0/24"],
    ["::ffff:203.0.113.77", "203.0.113.0/24"],
    ["[2001:db8:85a3:1234::1]", "2001:db8:85a3::/48"],
    ["2001:db8::1", "2001:db8:0::/48"],
    ["::1", "0:0:0::/48"],
    ["fe80::1%eth0", "fe80:0:0::/48"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0::/48"],
    ["::1:2:3:4:192.0.2.1", "0:0:1::/48"],
    ["not an address", null],
    ["", null],
    [null, null],
  ])("%s → %s", (address, network) => {
    expect(networkOf(address)).toBe(network);
  });
});
