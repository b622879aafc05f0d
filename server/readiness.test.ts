import { describe, expect, it } from "vitest";
import { mayReadChecks } from "./readiness";

const token = "a-health-token-of-at-least-32-characters";

describe("mayReadChecks", () => {
  it("lets a caller on this host read them", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
      expect(mayReadChecks({ address, authorization: null }, undefined)).toBe(true);
  });
  it("tells anyone else only whether it is ready, unknown callers included", () => {
    for (const address of ["192.0.2.2", "fd00::2", null])
      expect(mayReadChecks({ address, authorization: null }, token)).toBe(false);
  });
  it("lets a caller elsewhere read them with the operator's token, and only with it", () => {
    expect(mayReadChecks({ address: "192.0.2.2", authorization: `Bearer ${token}` }, token)).toBe(true);
    expect(mayReadChecks({ address: "192.0.2.2", authorization: `bearer ${token}` }, token)).toBe(true);
    expect(mayReadChecks({ address: "192.0.2.2", authorization: `Bearer ${token}x` }, token)).toBe(false);
    expect(mayReadChecks({ address: "192.0.2.2", authorization: token }, token)).toBe(false);
    expect(mayReadChecks({ address: "192.0.2.2", authorization: "Bearer " }, token)).toBe(false);
  });
  it("takes no token at all when none is configured", () => {
    expect(mayReadChecks({ address: "192.0.2.2", authorization: "Bearer undefined" }, undefined)).toBe(false);
  });
});
