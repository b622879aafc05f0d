import { findForm, textOf, Visitor } from "./browserless";
import { sessionCookieName } from "../lib/auth-cookies";
/** The session cookie over plain http, as these tests and the benchmark run the site. */
const sessionCookie = sessionCookieName(false);

export interface SignedIn {
  /** The Cookie header the browser would now send to the site: the session as the site issued it, and its companions. */
  cookieHeader: string;
  /** HTTP requests the round trip took. */
  requests: number;
}

/**
 * One full sign-in, the way a visitor without JavaScript does it: the home page's "Sign in with Google" form
 * (a server action) → the stand-in's authorize endpoint → its account chooser → the account's form → the site's
 * callback → /greeting, which must greet the account. Throws, naming the step, when any step goes wrong.
 */
export async function signInOverHttp(origin: string, email = "ada@example.com"): Promise<SignedIn> {
  const visitor = new Visitor();
  const home = await visitor.open(new URL("/", origin));
  if (home.status !== 200) throw new Error(`home page: ${home.status}`);

  const chooser = await visitor.submit(findForm(home, { button: "Sign in with Google" }));
  if (chooser.status !== 200 || chooser.url.origin === origin)
    throw new Error(`sign-in form led to ${chooser.url.href} (${chooser.status}), not the stand-in`);

  const greeting = await visitor.submit(findForm(chooser, { field: "email", value: email }));
  const greeted = textOf(greeting.html).includes(`Hello, ${email}!`);
  if (greeting.status !== 200 || greeting.url.pathname !== "/greeting" || !greeted)
    throw new Error(`after the stand-in: ${greeting.url.pathname} (${greeting.status}) does not greet ${email}`);

  const cookieHeader = visitor.cookieHeader(new URL("/", origin));
  if (!cookieHeader?.split("; ").some((cookie) => cookie.startsWith(`${sessionCookie}=`)))
    throw new Error(`signed in, but no ${sessionCookie} cookie`);
  return { cookieHeader, requests: home.requests + chooser.requests + greeting.requests };
}
