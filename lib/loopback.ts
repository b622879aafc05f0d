import ipaddr from "ipaddr.js";

/** Hosts that reach this machine (or every interface of it): `hostname` as URL parses it, so IPv6 is bracketed and normalised. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const ipv6 = /^\[(.+)\]$/.exec(host)?.[1];
  if (ipv6 === undefined ? !ipaddr.IPv4.isValidFourPartDecimal(host) : !ipaddr.IPv6.isValid(ipv6)) return false;
  // IPv4-mapped IPv6 counts as the IPv4 address it carries: URL writes [::ffff:127.0.0.1] as [::ffff:7f00:1].
  const address = ipaddr.process(ipv6 ?? host);
  // The unspecified address (0.0.0.0, [::]) means every interface, this machine's too.
  return address.range() === "loopback" || address.toByteArray().every((byte) => byte === 0);
}

/** The loopback check on a URL, after the URL parser has normalised its host. */
export const isLoopbackUrl = (url: string) => isLoopbackHost(new URL(url).hostname);

/** The loopback check on a Host header (`name:port`); an unparsable one is not loopback. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  try {
    return isLoopbackHost(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}
