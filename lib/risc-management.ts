/** Google's RISC management API (Cross-Account Protection's stream settings): what the script and the stand-in share. */

/** The `aud` of the self-signed service-account JWT Google's management API accepts. */
export const riscManagementAudience = "https://risc.googleapis.com/google.identity.risc.v1beta.RiscManagementService";

export const pushDeliveryMethod = "https://schemas.openid.net/secevent/risc/delivery-method/push";

const eventType = (name: string) => `https://schemas.openid.net/secevent/risc/event-type/${name}`;

export const verificationEventType = eventType("verification");

/** Every event type Google sends to a relying party: a registration asks for all of them. */
export const riscEventTypes = [
  eventType("sessions-revoked"),
  eventType("tokens-revoked"),
  eventType("token-revoked"),
  eventType("account-disabled"),
  eventType("account-enabled"),
  eventType("account-credential-change-required"),
  verificationEventType,
];

/** The stream's delivery, as Google's `stream:update` takes it and `GET stream` returns it. */
export interface StreamDelivery {
  delivery_method: string;
  url: string;
}

/** Google's error body: `{"error":{"code":401,"message":"...","status":"UNAUTHENTICATED"}}`. */
export interface GoogleApiError {
  error: { code: number; message: string; status: string };
}
