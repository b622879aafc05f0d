/** Hosts that reach this machine (or every interface of it): `hostname` as URL parses it, so IPv6 is bracketed and normalised. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "0.0.0.0" || host === "[::]" || host === "[::1]") return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  // IPv4-mapped IPv6: URL normalises [::ffff:127.0.0.1] to [::ffff:7f00:1].
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}\]$/.exec(host);
  return mapped !== null && (parseInt(mapped[1]!, 16) >> 8 === 127 || parseInt(mapped[1]!, 16) === 0);
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
