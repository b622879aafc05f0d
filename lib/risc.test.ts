import { describe, expect, it } from "vitest";
import { isRiscError, parseRiscEvents, riscEventDetail } from "./risc";

const uri = (name: string) => `https://schemas.openid.net/secevent/risc/event-type/${name}`;

describe("parseRiscEvents", () => {
  it("reads a known event with an iss-sub subject and a reason", () => {
    expect(
      parseRiscEvents({
        [uri("account-disabled")]: {
          subject: { subject_type: "iss-sub", iss: "https://accounts.google.com/", sub: "123" },
          reason: "hijacking",
        },
      }),
    ).toEqual([
      { type: "account-disabled", known: true, subject: { sub: "123" }, reason: "hijacking", state: undefined },
    ]);
  });

  it("reads an email subject, lower-cased", () => {
    const [event] = parseRiscEvents({
      [uri("sessions-revoked")]: { subject: { subject_type: "email", email: "Ada@Example.com" } },
    }) as { subject?: unknown }[];
    expect(event!.subject).toEqual({ email: "ada@example.com" });
  });

  it("reads a verification's state", () => {
    const [event] = parseRiscEvents({ [uri("verification")]: { state: "hello" } }) as { state?: string }[];
    expect(event!.state).toBe("hello");
  });

  it("keeps an unknown type as unknown", () => {
    const [event] = parseRiscEvents({ "https://example.com/other": {} }) as { known: boolean; type: string }[];
    expect(event).toMatchObject({ known: false, type: "https://example.com/other" });
  });

  it("ignores a subject of the wrong shape", () => {
    const [event] = parseRiscEvents({
      [uri("sessions-revoked")]: { subject: { subject_type: "iss-sub", sub: 5 } },
    }) as {
      subject?: unknown;
    }[];
    expect(event!.subject).toBeUndefined();
  });

  it.each([undefined, null, "x", [], {}])("refuses a missing or malformed events claim: %j", (events) => {
    expect(isRiscError(parseRiscEvents(events))).toBe(true);
  });
});

describe("riscEventDetail", () => {
  it("names the type and reason", () => {
    expect(riscEventDetail({ type: "account-disabled", reason: "hijacking" })).toBe("account-disabled (hijacking)");
    expect(riscEventDetail({ type: "tokens-revoked" })).toBe("tokens-revoked");
  });
});
