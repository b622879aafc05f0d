/**
 * Just enough of a browser for the benchmark, over plain HTTP. Playwright's request context keeps the cookies (per
 * host, not per port, as browsers do) and its connections; node-html-parser reads the pages. Redirects are followed
 * here, so that each request is counted and Origin goes on form posts only, as browsers send it.
 */
import { request, type APIRequestContext } from "@playwright/test";
import { parse } from "node-html-parser";

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

/**
 * A visitor: a cookie jar of its own, every request carrying its cookies. `forgetCookies` makes it a new visitor on
 * the same open connections, as a load generator's are (a new connection to `localhost` costs Playwright tens of
 * milliseconds: it tries ::1 first). Dispose of it when done.
 */
export class Visitor {
  private constructor(private readonly context: APIRequestContext) {}

  static async start(): Promise<Visitor> {
    return new Visitor(await request.newContext({ timeout: requestTimeoutMs }));
  }

  open(url: string | URL): Promise<Page> {
    return this.follow(new URL(url));
  }

  submit(form: HtmlForm): Promise<Page> {
    return form.method === "POST" ? this.follow(form.action, form) : this.follow(form.action);
  }

  /** Requests `url` (posting `form` to it), following redirects as a browser does after a form post (303 → GET). */
  private async follow(url: URL, form?: HtmlForm): Promise<Page> {
    let target = url;
    let body = form && Object.fromEntries(form.fields);
    for (let requests = 1; requests <= maxRedirects; requests++) {
      const response = await this.context.fetch(target.href, {
        method: body ? "POST" : "GET",
        // Browsers send Origin on form posts; Next's server actions refuse a POST without a matching one.
        headers: { accept: "text/html", ...(body && { origin: target.origin }) },
        ...(body && (form!.multipart ? { multipart: body } : { form: body })),
        maxRedirects: 0,
      });
      const location = response.headers().location;
      if (response.status() < 300 || response.status() >= 400 || !location) {
        return { url: target, status: response.status(), html: await response.text(), requests };
      }
      await response.dispose();
      if (body && (response.status() === 307 || response.status() === 308)) throw new Error(`${target.pathname}: ${response.status()} would repost the form`);
      target = new URL(location, target);
      body = undefined;
    }
    throw new Error(`more than ${maxRedirects} redirects from ${url.href}`);
  }

  /** The Cookie header the browser would send to `url`. */
  async cookieHeader(url: URL): Promise<string | undefined> {
    const cookies = await this.context.cookies(url.href);
    return cookies.length > 0 ? cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") : undefined;
  }

  forgetCookies(): Promise<void> {
    return this.context.clearCookies();
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
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
        : candidate.querySelectorAll("input").some((input) => input.getAttribute("name") === marker.field && input.getAttribute("value") === marker.value),
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
