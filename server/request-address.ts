/**
 * Hands the visitor's address from the Node server to route handlers and pages, which see headers only: the server
 * writes it into a header of ours on every request, over whatever the client sent under that name.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { Server, type IncomingMessage } from "node:http";
import { sameSecret } from "@/lib/secrets";
import { deviceFrom, networkOf, type SigningInDevice } from "@/lib/device";
import { clientAddress, type TrustProxy } from "./client-address";

export const clientAddressHeader = "x-nametag-client-address";

/**
 * A random mark of this process, shared through globalThis (instrumentation and route handlers are separate bundles):
 * only values carrying it were written by the server, so a client's own header counts for nothing, even on a request
 * that arrived before the server wrote any (Next listens before instrumentation runs).
 */
const markKey = Symbol.for("nametag.client-address-mark");
const store = globalThis as { [markKey]?: string };

/** From instrumentation.ts: every request, before Next sees it, gets the address resolved from its socket. */
export function installClientAddress(trust: TrustProxy): void {
  const mark = (store[markKey] ??= randomUUID());
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const emit: (this: Server, event: string, ...args: unknown[]) => boolean = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      const forwarded = request.headers["x-forwarded-for"];
      const address = clientAddress(
        request.socket.remoteAddress,
        Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
        trust,
      );
      request.headers[clientAddressHeader] = `${mark} ${address ?? ""}`;
    }
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;
}

/** This request's visitor address as the server resolved it; null when unknown or not written by the server. */
export function requestClientAddress(headers: Pick<Headers, "get">): string | null {
  const mark = store[markKey];
  const [given = "", address = ""] = headers.get(clientAddressHeader)?.split(" ") ?? [];
  return mark !== undefined && sameSecret(given, mark) && address ? address : null;
}

/** The device a request comes from: its User-Agent, and the network of the address the server resolved for it. */
export function requestDevice(headers: Pick<Headers, "get">): SigningInDevice {
  return { ...deviceFrom(headers.get("user-agent")), network: networkOf(requestClientAddress(headers)) };
}
