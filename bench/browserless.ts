/**
 * Just enough of a browser for the benchmark: a cookie jar and redirects followed by hand, over plain HTTP.
 * Cookies are kept per host name and path, not per port, as browsers do (the site and the stand-in share 127.0.0.1).
 */

interface StoredCookie {
  value: string;
  path: string;
}

const requestTimeoutMs = 10_000;
const maxRedirects = 10;

export class CookieJar {
  private readonly hosts = new Map<string, Map<string, StoredCookie>>();

  store(url: URL, setCookieHeaders: string[], now = Date.now()): void {
    for (const header of setCookieHeaders) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const separator = pair.indexOf("=");
      if (separator <= 0) continue;
      const name = pair.slice(0, separator);
      let path = "/";
      let expired = false;
      for (const attribute of attributes) {
        const [key = "", value = ""] = attribute.split("=", 2);
        const lowerKey = key.toLowerCase();
        if (lowerKey === "path" && value.startsWith("/")) path = value;
        if (lowerKey === "max-age" && Number(value) <= 0) expired = true;
        if (lowerKey === "expires" && Date.parse(value) <= now) expired = true;
      }
      const cookies = this.hosts.get(url.hostname) ?? new Map<string, StoredCookie>();
      this.hosts.set(url.hostname, cookies);
      if (expired) cookies.delete(name);
      else cookies.set(name, { value: pair.slice(separator + 1), path });
    }
  }

  header(url: URL): string | undefined {
    const cookies = [...(this.hosts.get(url.hostname) ?? [])].filter(([, cookie]) => url.pathname.startsWith(cookie.path));
    return cookies.length > 0 ? cookies.map(([name, cookie]) => `${name}=${cookie.value}`).join("; ") : undefined;
  }

  get(url: URL, name: string): string | undefined {
    return this.hosts.get(url.hostname)?.get(name)?.value;
  }
}

export interface Page {
  url: URL;
  status: number;
  html: string;
  /** HTTP requests it took, redirects included. */
  requests: number;
}

/** One visitor: every request carries its cookies, and redirects are followed as a browser would after a form post. */
export class Visitor {
  readonly jar = new CookieJar();

  async open(url: string | URL, init: { method?: "GET" | "POST"; body?: FormData | URLSearchParams } = {}): Promise<Page> {
    let target = new URL(url);
    let method = init.method ?? "GET";
    let body = init.body;
    for (let requests = 1; requests <= maxRedirects; requests++) {
      const headers = new Headers({ accept: "text/html" });
      const cookie = this.jar.header(target);
      if (cookie) headers.set("cookie", cookie);
      // Browsers send Origin on form posts; Next's server actions refuse a POST without a matching one.
      if (method === "POST") headers.set("origin", target.origin);
      const response = await fetch(target, { method, body, headers, redirect: "manual", signal: AbortSignal.timeout(requestTimeoutMs) });
      this.jar.store(target, response.headers.getSetCookie());
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: target, status: response.status, html: await response.text(), requests };
      }
      await response.body?.cancel();
      if (method === "POST" && (response.status === 307 || response.status === 308)) throw new Error(`${target.pathname}: ${response.status} would repost the form`);
      target = new URL(location, target);
      method = "GET";
      body = undefined;
    }
    throw new Error(`more than ${maxRedirects} redirects from ${url}`);
  }
}

/** The page's text, roughly: tags (and React's empty text separators) removed, so markup inside a sentence doesn't hide it. */
export const textOf = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ""));

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[entity]!);

export interface HtmlForm {
  action: URL;
  /** Hidden inputs, in document order. */
  fields: [string, string][];
}

/** The first form on `page` whose markup contains `marker` (a button label, an email address). */
export function findForm(page: Page, marker: string): HtmlForm {
  for (const [form = "", attributes = "", inner = ""] of page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if (!form.includes(marker)) continue;
    const action = decodeEntities(/\baction="([^"]*)"/i.exec(attributes)?.[1] ?? "");
    const fields: [string, string][] = [];
    for (const [input = ""] of inner.matchAll(/<input\b[^>]*>/gi)) {
      if (!/\btype="hidden"/i.test(input)) continue;
      const name = /\bname="([^"]*)"/i.exec(input)?.[1];
      if (name) fields.push([decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/i.exec(input)?.[1] ?? "")]);
    }
    return { action: new URL(action, page.url), fields };
  }
  throw new Error(`${page.url.pathname} (${page.status}) has no form with "${marker}"`);
}
