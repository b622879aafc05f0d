import Bowser from "bowser";
import { isIPv4, isIPv6 } from "node:net";

export interface Device {
  /** "Chrome 156", or null when the User-Agent says nothing we know. */
  browser: string | null;
  /** "macOS 14.5", "Android 15", … */
  os: string | null;
}

const join = (name: string | undefined, version: string | undefined) => (name ? (version ? `${name} ${version}` : name) : null);

/** Browser and OS for the session list, from the User-Agent (Bowser); only major browser versions, they are enough. */
export function deviceFrom(userAgent: string | null): Device {
  if (!userAgent) return { browser: null, os: null };
  const parser = Bowser.getParser(userAgent.slice(0, 512));
  const browser = parser.getBrowser();
  const os = parser.getOS();
  return { browser: join(browser.name, browser.version?.split(".")[0]), os: join(os.name, os.versionName ?? os.version) };
}

/**
 * The network an address belongs to, truncated to /24 (IPv4) or /48 (IPv6): enough for a person to recognise
 * "home" or "office" in their session list, too coarse to single out a device or household.
 */
export function networkOf(address: string | null): string | null {
  const candidate = address?.trim().replace(/^\[|\]$/g, "") ?? "";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(candidate)?.[1];
  const ipv4 = mapped ?? candidate;
  if (isIPv4(ipv4)) return `${ipv4.split(".").slice(0, 3).join(".")}.0/24`;
  if (!isIPv6(candidate)) return null;
  const [head = "", tail = ""] = candidate.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = candidate.includes("::") && tail ? tail.split(":") : [];
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  const prefix = groups.slice(0, 3).map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(":")}::/48`;
}
