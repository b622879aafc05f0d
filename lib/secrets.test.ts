import { describe, expect, it } from "vitest";
import { sameSecret } from "./secrets";

describe("sameSecret", () => {
  it("is true only for the same string, whatever the lengths", () => {
    expect(sameSecret("a-token", "a-token")).toBe(true);
    expect(sameSecret("a-token", "a-tokeN")).toBe(false);
    expect(sameSecret("", "a-token")).toBe(false);
  });
});
