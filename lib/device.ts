import Bowser from "bowser";
import ipaddr from "ipaddr.js";
import { isIP } from "node:net";

export interface Device {
  /** "Chrome 156", or null when the User-Agent says nothing we know. */
  browser: string | null;
  /** "macOS 14.5", "Android 15", … */
  os: string | null;
}

/** What the session list shows of the browser that signs in: its device and its network. */
export type SigningInDevice = Device & { network: string | null };

const join = (name: string | undefined, version: string | undefined) =>
  name ? (version ? `${name} ${version}` : name) : null;

/** Browser and OS for the session list, from the User-Agent (Bowser); only major browser versions, they are enough. */
export function deviceFrom(userAgent: string | null): Device {
  if (!userAgent) return { browser: null, os: null };
  const parser = Bowser.getParser(userAgent.slice(0, 512));
  const browser = parser.getBrowser();
  const os = parser.getOS();
  return {
    browser: join(browser.name, browser.version?.split(".")[0]),
    os: join(os.name, os.versionName ?? os.version),
  };
}

/**
 * The network an address belongs to, truncated to /24 (IPv4) or /48 (IPv6): enough for a person to recognise
 * "home" or "office" in their session list, too coarse to single out a device or household. `ipv6Prefix` 64 gives
 * the one subnet a household or a rented server gets instead (what rate limits count).
 */
export function networkOf(address: string | null, ipv6Prefix: 48 | 64 = 48): string | null {
  const candidate = address?.trim().replace(/^\[|\]$/g, "") ?? "";
  // What is an address is node:net's call, as in clientAddress: ipaddr.js would also read `2130706433` as IPv4.
  const family = isIP(candidate);
  // Every prefix ends on a boundary: the first 3 octets of an IPv4 address, the first 3 or 4 groups of an IPv6 one.
  if (family === 4) return `${[...ipaddr.IPv4.parse(candidate).octets.slice(0, 3), 0].join(".")}/24`;
  if (family !== 6) return null;
  // Through the URL parser's all-hex form: ipaddr.js 1.9 cannot read an IPv4 tail right after `::` (`64:ff9b::1.2.3.4`).
  // The zone (`%eth0`) says nothing about the network, and URL refuses it.
  const ipv6 = ipaddr.IPv6.parse(new URL(`http://[${candidate.replace(/%.*$/, "")}]`).hostname.slice(1, -1));
  // An IPv4 peer on a dual-stack socket, as Node and proxies write it (`::ffff:203.0.113.77`): its IPv4 network.
  if (ipv6.isIPv4MappedAddress() && candidate.includes(".")) return networkOf(ipv6.toIPv4Address().toString());
  return `${ipv6.parts
    .slice(0, ipv6Prefix / 16)
    .map((part) => part.toString(16))
    .join(":")}::/${ipv6Prefix}`;
}
