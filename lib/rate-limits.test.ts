import { describe, expect, it } from "vitest";
import { networkKey, parseRate, retryAfterSeconds } from "./rate-limits";

describe("networkKey", () => {
  it.each([
    ["203.0.113.77", "203.0.113.0/24"],
    ["203.0.113.200", "203.0.113.0/24"],
    ["203.0.114.1", "203.0.114.0/24"],
    ["::ffff:203.0.113.77", "203.0.113.0/24"],
    ["2001:db8:85a3:1234::1", "2001:db8:85a3:1234::/64"],
    ["2001:db8:85a3:1234:ffff:ffff:ffff:ffff", "2001:db8:85a3:1234::/64"],
    ["2001:db8:85a3:1235::1", "2001:db8:85a3:1235::/64"],
    ["[2001:db8::1]", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["not an address", "unknown"],
    [null, "unknown"],
  ])("%s → %s", (address, key) => {
    expect(networkKey(address)).toBe(key);
  });
});

describe("parseRate", () => {
  it.each([
    ["30/600", { points: 30, seconds: 600 }],
    [" 5/60 ", { points: 5, seconds: 60 }],
    ["off", null],
    ["OFF", null],
    ["0/60", undefined],
    ["30", undefined],
    ["30/0", undefined],
    ["-1/60", undefined],
    ["1.5/60", undefined],
    ["", undefined],
  ])("%j → %j", (text, rate) => {
    expect(parseRate(text)).toStrictEqual(rate);
  });
});

describe("retryAfterSeconds", () => {
  it.each([
    [0, 1],
    [1, 1],
    [1000, 1],
    [1001, 2],
    [59_500, 60],
  ])("%d ms → %d s", (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});
