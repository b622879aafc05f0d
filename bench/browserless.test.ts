import { describe, expect, it } from "vitest";
import { CookieJar, findForm, textOf, type Page } from "./browserless";

const site = new URL("http://localhost:3500/api/auth/callback/google");

describe("CookieJar", () => {
  it("sends a host's cookies to every port, by path", () => {
    const jar = new CookieJar();
    jar.store(site, ["authjs.state=abc; Path=/; HttpOnly", "_interaction=uid; path=/interaction/uid; httponly"]);
    expect(jar.header(new URL("http://localhost:3501/interaction/uid"))).toBe("authjs.state=abc; _interaction=uid");
    expect(jar.header(new URL("http://localhost:3500/greeting"))).toBe("authjs.state=abc");
    expect(jar.header(new URL("http://127.0.0.1:3500/greeting"))).toBeUndefined();
  });

  it("keeps values with = in them, and forgets expired cookies", () => {
    const jar = new CookieJar();
    jar.store(site, ["a=x==; Path=/", "b=1; Path=/"]);
    jar.store(site, ["b=; Path=/; Max-Age=0", "a=y; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]);
    expect(jar.header(site)).toBeUndefined();
    jar.store(site, ["a=x==; Path=/"]);
    expect(jar.get(site, "a")).toBe("x==");
  });
});

describe("findForm", () => {
  const page: Page = {
    url: new URL("http://localhost:3500/"),
    status: 200,
    requests: 1,
    html: `<form action="/other"><button>Other</button></form>
      <form action="" method="POST"><input type="hidden" name="$ACTION_ID_ab12"/><input type="hidden" name="next" value="/a?b=1&amp;c=2"/><input name="email"><button>Sign in with Google</button></form>`,
  };

  it("finds the form by what it holds, with its hidden fields and resolved action", () => {
    const form = findForm(page, "Sign in with Google");
    expect(form.action.href).toBe("http://localhost:3500/");
    expect(form.fields).toEqual([["$ACTION_ID_ab12", ""], ["next", "/a?b=1&c=2"]]);
  });

  it("names the page when the form is missing", () => {
    expect(() => findForm(page, "Sign out")).toThrow(/\/ \(200\) has no form with "Sign out"/);
  });
});

describe("textOf", () => {
  it("reads a sentence across markup and React's separators", () => {
    expect(textOf('<h1>Hello, <span class="e">ada<wbr/>@example.com!</span></h1><p>A &amp; B<!-- -->.</p>')).toBe("Hello, ada@example.com!A & B.");
  });
});
