/**
 * The visitor's address, by Express's `trust proxy` rule (proxy-addr): start at the socket's peer and walk back
 * through `X-Forwarded-For` only while the hop that told us is a proxy the operator trusts (TRUSTED_PROXIES). A
 * client's own `X-Forwarded-For` therefore counts for nothing unless it came through such a proxy.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

/** proxy-addr's vocabulary (`loopback`, `linklocal`, `uniquelocal`, addresses, CIDRs); throws a TypeError naming a bad entry. */
export function trustProxies(entries: readonly string[]): TrustProxy {
  return proxyaddr.compile([...entries]);
}

/** The visitor's address, or null when it cannot be known (no peer, or a trusted proxy forwarded something that is not an address). */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trust: TrustProxy,
): string | null {
  const address = proxyaddr(
    { socket: { remoteAddress: peer }, headers: { "x-forwarded-for": forwardedFor } } as unknown as IncomingMessage,
    trust,
  );
  return address && isIP(address) ? address : null;
}

/** 127.0.0.0/8 and ::1, also IPv4-mapped: proxy-addr's `loopback`, read by the same ipaddr.js. */
export const isLoopbackAddress = (address: string | null): boolean =>
  address !== null && ipaddr.isValid(address) && ipaddr.process(address).range() === "loopback";
