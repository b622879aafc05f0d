import { describe, expect, it } from "vitest";
import { formatDuration, formatRelative, formatUtc } from "./format-time";

const now = new Date("2025-11-25T19:43:10Z");
const at = (secondsFromNow: number) => new Date(now.getTime() + secondsFromNow * 1000);

describe("formatUtc", () => {
  it("writes the date and time in UTC", () => expect(formatUtc(now)).toBe("25 Nov 2025, 19:43 UTC"));
});

describe("formatRelative", () => {
  it("says just now within a minute", () => {
    expect(formatRelative(at(-59), now)).toBe("just now");
    expect(formatRelative(at(30), now)).toBe("just now");
  });
  it("uses the largest whole unit, past and future", () => {
    expect(formatRelative(at(-5 * 60), now)).toBe("5 minutes ago");
    expect(formatRelative(at(23 * 3600 + 59 * 60), now)).toBe("in 23 hours");
    expect(formatRelative(at(86_400), now)).toBe("tomorrow");
    expect(formatRelative(at(7 * 86_400), now)).toBe("in 7 days");
  });
});

describe("formatDuration", () => {
  it("names the largest whole unit", () => {
    expect(formatDuration(604_800)).toBe("7 days");
    expect(formatDuration(86_400)).toBe("1 day");
    expect(formatDuration(5_400)).toBe("1 hour");
    expect(formatDuration(30)).toBe("30 seconds");
  });
});
