/**
 * Just enough of a browser for the benchmark, over plain HTTP: tough-cookie keeps each visitor's cookies (per host,
 * not per port, as browsers do: the site and the stand-in share 127.0.0.1), node-html-parser reads the pages, and
 * redirects are followed here, so that each request is counted and Origin goes on form posts only, as browsers send
 * it. Requests go through fetch's shared connection pool, so visitors cost the load generator little.
 */
import { parse } from "node-html-parser";
import { CookieJar } from "tough-cookie";

const requestTimeoutMs = 10_000;
const maxRedirects = 10;

export interface Page {
  url: URL;
  status: number;
  html: string;
  /** HTTP requests it took, redirects included. */
  requests: number;
}

export interface HtmlForm {
  action: URL;
  method: "GET" | "POST";
  /** `enctype="multipart/form-data"`, as React renders a server action's form. */
  multipart: boolean;
  /** Hidden inputs, in document order. */
  fields: [string, string][];
}

/** One visitor: a cookie jar of its own, every request carrying its cookies. */
export class Visitor {
  private readonly jar = new CookieJar();

  open(url: string | URL): Promise<Page> {
    return this.follow(new URL(url));
  }

  submit(form: HtmlForm): Promise<Page> {
    return form.method === "POST" ? this.follow(form.action, form) : this.follow(form.action);
  }

  /** The Cookie header the browser would send to `url`. */
  cookieHeader(url: URL): string | undefined {
    return this.jar.getCookieStringSync(url.href) || undefined;
  }

  /** Requests `url` (posting `form` to it), following redirects as a browser does after a form post (303 → GET). */
  private async follow(url: URL, form?: HtmlForm): Promise<Page> {
    let target = url;
    let body = form && (form.multipart ? formData(form.fields) : new URLSearchParams(form.fields));
    for (let requests = 1; requests <= maxRedirects; requests++) {
      const headers = new Headers({ accept: "text/html" });
      const cookie = this.cookieHeader(target);
      if (cookie) headers.set("cookie", cookie);
      // Browsers send Origin on form posts; Next's server actions refuse a POST without a matching one.
      if (body) headers.set("origin", target.origin);
      const response = await fetch(target, {
        method: body ? "POST" : "GET",
        body,
        headers,
        redirect: "manual",
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      for (const setCookie of response.headers.getSetCookie())
        this.jar.setCookieSync(setCookie, target.href, { ignoreError: true });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: target, status: response.status, html: await response.text(), requests };
      }
      await response.body?.cancel();
      if (body && (response.status === 307 || response.status === 308))
        throw new Error(`${target.pathname}: ${response.status} would repost the form`);
      target = new URL(location, target);
      body = undefined;
    }
    throw new Error(`more than ${maxRedirects} redirects from ${url.href}`);
  }
}

function formData(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

/** The page's text: markup removed and entities decoded, so markup inside a sentence doesn't hide it. */
export const textOf = (html: string) => parse(html).textContent;

/** How to tell a form from the others on its page: a button's label, or a field's value (an account's email). */
export type FormMarker = { button: string } | { field: string; value: string };

/** The first form on `page` with that button or field. */
export function findForm(page: Page, marker: FormMarker): HtmlForm {
  const form = parse(page.html)
    .querySelectorAll("form")
    .find((candidate) =>
      "button" in marker
        ? candidate.querySelectorAll("button").some((button) => button.textContent.includes(marker.button))
        : candidate
            .querySelectorAll("input")
            .some(
              (input) => input.getAttribute("name") === marker.field && input.getAttribute("value") === marker.value,
            ),
    );
  if (!form) throw new Error(`${page.url.pathname} (${page.status}) has no form with ${JSON.stringify(marker)}`);
  return {
    action: new URL(form.getAttribute("action") ?? "", page.url),
    method: form.getAttribute("method")?.toUpperCase() === "POST" ? "POST" : "GET",
    multipart: form.getAttribute("enctype")?.toLowerCase() === "multipart/form-data",
    fields: form
      .querySelectorAll('input[type="hidden"][name]')
      .map((input): [string, string] => [input.getAttribute("name")!, input.getAttribute("value") ?? ""]),
  };
}
