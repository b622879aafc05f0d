/** Google's Cross-Account Protection (RISC) security event tokens: what a verified token's events say. */
import { riscEventTypes } from "./risc-management";

const eventTypePrefix = "https://schemas.openid.net/secevent/risc/event-type/";

/** Who an event is about: Google's `sub` (our user id) or an email address. */
export type RiscSubject = { sub: string } | { email: string };

export interface RiscEvent {
  /** Our short name, or the URI itself for a type we do not know (recorded, nothing else). */
  type: string;
  known: boolean;
  subject?: RiscSubject;
  reason?: string;
  state?: string;
}

/** RFC 8935's error codes for a push delivery we refuse. */
type RiscErrorCode = "invalid_request" | "invalid_key" | "invalid_issuer" | "invalid_audience";

export interface RiscError {
  err: RiscErrorCode;
  description: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown, max = 1024): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined;

function subjectOf(value: unknown): RiscSubject | undefined {
  if (!isRecord(value)) return undefined;
  const sub = text(value.sub, 255);
  if (value.subject_type === "iss-sub" && sub) return { sub };
  const email = text(value.email, 320);
  if (value.subject_type === "email" && email) return { email: email.toLowerCase() };
  return undefined;
}

/** The events of a verified token's `events` claim, or an error when the claim is missing or malformed. */
export function parseRiscEvents(events: unknown): RiscEvent[] | RiscError {
  if (!isRecord(events) || Object.keys(events).length === 0)
    return { err: "invalid_request", description: "the token has no events claim" };
  return Object.entries(events).map(([uri, body]) => {
    const known = riscEventTypes.includes(uri);
    const detail = isRecord(body) ? body : {};
    return {
      type: known ? uri.slice(eventTypePrefix.length) : uri.slice(0, 200),
      known,
      subject: subjectOf(detail.subject),
      reason: text(detail.reason, 100),
      state: text(detail.state),
    };
  });
}

/** The `detail` of the `google-report` security event: the type and, when given, the reason. */
export const riscEventDetail = (event: Pick<RiscEvent, "type" | "reason">): string =>
  event.reason ? `${event.type} (${event.reason})` : event.type;

export const isRiscError = (value: unknown): value is RiscError => isRecord(value) && typeof value.err === "string";
