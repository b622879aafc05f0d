import { describe, expect, it } from "vitest";
import { clockSkewSeconds, idTokenClaimProblem } from "./id-token";

const now = 1_800_000_000;

describe("idTokenClaimProblem", () => {
  it.each([
    ["no azp", { iat: now }],
    ["azp equal to our client id", { azp: "our-client", iat: now }],
    ["iat within the clock skew", { iat: now + clockSkewSeconds }],
  ])("accepts %s", (_case, claims) => {
    expect(idTokenClaimProblem(claims, "our-client", now)).toBeUndefined();
  });

  it.each([
    ["azp of another client", { azp: "another-client", iat: now }, /azp/],
    ["an empty azp", { azp: "", iat: now }, /azp/],
    ["iat beyond the clock skew", { iat: now + clockSkewSeconds + 1 }, /iat .* future/],
    ["no iat", {}, /iat/],
  ])("refuses %s", (_case, claims, problem) => {
    expect(idTokenClaimProblem(claims, "our-client", now)).toMatch(problem);
  });
});
