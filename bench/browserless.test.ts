import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findForm, textOf, Visitor, type Page } from "./browserless";

describe("Visitor", () => {
  const seen: { method?: string; url?: string; cookie?: string; origin?: string; type?: string }[] = [];
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    // A site that sets cookies on one path and another, and answers a form post with a 303, as the sign-in does.
    server = createServer((req: IncomingMessage, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        cookie: req.headers.cookie,
        origin: req.headers.origin,
        type: req.headers["content-type"],
      });
      req.resume();
      if (req.url === "/post")
        res
          .writeHead(303, {
            location: "/landed",
            "set-cookie": ["session=a==b; Path=/; HttpOnly", "flow=1; Path=/flow"],
          })
          .end();
      else if (req.url === "/forget")
        res.writeHead(200, { "set-cookie": "session=; Path=/; Max-Age=0" }).end("forgotten");
      else res.writeHead(200, { "content-type": "text/html" }).end("<p>landed</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("posts a form with Origin, follows the 303 as a GET without it, counts both requests and keeps the cookies by host and path", async () => {
    const visitor = new Visitor();
    const page = await visitor.submit({
      action: new URL("/post", origin),
      method: "POST",
      multipart: false,
      fields: [["a", "1"]],
    });
    expect(page).toMatchObject({ status: 200, requests: 2, html: "<p>landed</p>" });
    expect(page.url.pathname).toBe("/landed");
    expect(seen.slice(-2)).toEqual([
      {
        method: "POST",
        url: "/post",
        cookie: undefined,
        origin,
        type: expect.stringMatching(/^application\/x-www-form-urlencoded/) as unknown,
      },
      { method: "GET", url: "/landed", cookie: "session=a==b", origin: undefined, type: undefined },
    ]);
    expect(visitor.cookieHeader(new URL("/", origin))).toBe("session=a==b");
    expect(visitor.cookieHeader(new URL("/flow/x", origin))).toBe("flow=1; session=a==b");
    // Another port of the same host shares them; another host, though the same server, gets none.
    expect(visitor.cookieHeader(new URL(`http://localhost:${Number(new URL(origin).port) + 1}/`))).toBe("session=a==b");
    expect(visitor.cookieHeader(new URL(`http://127.0.0.1:${new URL(origin).port}/`))).toBeUndefined();
    await visitor.open(new URL("/forget", origin));
    expect(visitor.cookieHeader(new URL("/", origin))).toBeUndefined();
  });

  it("posts a server action's form as multipart", async () => {
    await new Visitor().submit({
      action: new URL("/post", origin),
      method: "POST",
      multipart: true,
      fields: [["$ACTION_ID_ab12", ""]],
    });
    expect(seen.at(-2)?.type).toMatch(/^multipart\/form-data; boundary=/);
  });
});

describe("findForm", () => {
  const page: Page = {
    url: new URL("http://localhost:3500/"),
    status: 200,
    requests: 1,
    html: `<form action="/other"><button>Other</button></form>
      <form action="" encType="multipart/form-data" method="POST"><input type="hidden" name="$ACTION_ID_ab12"/><input type="hidden" name="next" value="/a?b=1&amp;c=2"/><input name="email"><button><svg></svg>Sign in with Google</button></form>
      <form method="post" action="/interaction/x/login"><input type="hidden" name="email" value="ada@example.com"><button>Ada</button></form>`,
  };

  it("finds the form by a button's label, with its hidden fields, method, encoding and resolved action", () => {
    const form = findForm(page, { button: "Sign in with Google" });
    expect(form).toEqual({
      action: new URL("http://localhost:3500/"),
      method: "POST",
      multipart: true,
      fields: [
        ["$ACTION_ID_ab12", ""],
        ["next", "/a?b=1&c=2"],
      ],
    });
  });

  it("finds the form by a field's value", () => {
    expect(findForm(page, { field: "email", value: "ada@example.com" })).toMatchObject({
      action: new URL("http://localhost:3500/interaction/x/login"),
      method: "POST",
      multipart: false,
    });
    expect(() => findForm(page, { field: "email", value: "a@example.com" })).toThrow(/has no form/);
  });

  it("names the page when the form is missing", () => {
    expect(() => findForm(page, { button: "Sign out" })).toThrow(/\/ \(200\) has no form with \{"button":"Sign out"\}/);
  });
});

describe("textOf", () => {
  it("reads a sentence across markup and React's separators", () => {
    expect(textOf('<h1>Hello, <span class="e">ada<wbr/>@example.com!</span></h1><p>A &amp; B<!-- -->.</p>')).toBe(
      "Hello, ada@example.com!A & B.",
    );
  });
});
