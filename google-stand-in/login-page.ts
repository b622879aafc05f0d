import { subjectFor, type SampleAccount } from "./accounts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const styles = `
  :root { color-scheme: light dark; --fg: #1f1f1f; --muted: #5f6368; --bg: #fff; --card: #f8fafd; --line: #dadce0; --accent: #0b57d0; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e3e3e3; --muted: #a8abb0; --bg: #131314; --card: #1e1f20; --line: #444746; --accent: #a8c7fa; } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { width: min(28rem, 100% - 2rem); margin: 1rem 0; padding: 2rem; border: 1px solid var(--line); border-radius: 1.75rem; background: var(--card); }
  @media (max-width: 30rem) { main { padding: 1.5rem 1rem; } }
  .brand { display: inline-block; margin: 0 0 1rem; padding: .125rem .625rem; border: 1px solid var(--line); border-radius: 999px; font-size: .8125rem; color: var(--muted); }
  h1 { font-size: 1.5rem; font-weight: 500; margin: 0 0 .25rem; }
  p { color: var(--muted); margin: 0 0 1.5rem; }
  .note { font-size: .875rem; border-left: 3px solid var(--accent); padding-left: .75rem; }
  ul { list-style: none; padding: 0; margin: 0 0 1.5rem; }
  li + li { border-top: 1px solid var(--line); }
  button { font: inherit; cursor: pointer; }
  .account { width: 100%; display: flex; align-items: center; gap: .75rem; padding: .625rem .5rem; background: none; border: 0; color: inherit; text-align: left; border-radius: .5rem; }
  .account img { flex: none; width: 36px; height: 36px; border-radius: 50%; }
  .account span { display: flex; flex-direction: column; min-width: 0; overflow-wrap: anywhere; }
  .account:hover, .account:focus-visible { background: color-mix(in srgb, var(--accent) 12%, transparent); }
  .account small { color: var(--muted); }
  label { display: block; font-size: .875rem; margin-bottom: .25rem; }
  input[type=email] { width: 100%; padding: .625rem .75rem; font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: .25rem; }
  .row { display: flex; gap: .75rem; justify-content: space-between; align-items: center; margin-top: .75rem; flex-wrap: wrap; }
  .primary { background: var(--accent); color: var(--bg); border: 0; border-radius: 999px; padding: .5rem 1.5rem; }
  .secondary { background: none; color: var(--accent); border: 0; padding: .5rem 0; }
  .error { color: #b3261e; }
  @media (prefers-color-scheme: dark) { .error { color: #f2b8b5; } }
  :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
`;

function document(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Google stand-in</title><style>${styles}</style></head><body><main>${body}</main></body></html>`;
}

export function messagePage(title: string, message: string): string {
  return document(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

export function loginPage({
  uid,
  sampleAccounts,
  error,
  loginHint,
}: {
  uid: string;
  sampleAccounts: readonly SampleAccount[];
  error?: string;
  /** As Google does with `login_hint`: only that account is offered (typing another stays possible). */
  loginHint?: string;
}): string {
  const hinted = loginHint?.toLowerCase();
  const offered = hinted
    ? [
        sampleAccounts.find((account) => account.email === hinted) ?? {
          email: hinted,
          name: hinted,
          verified: true,
          withPicture: false,
        },
      ]
    : sampleAccounts;
  const action = (what: string) => `/interaction/${encodeURIComponent(uid)}/${what}`;
  const accountButtons = offered
    .map(
      (account) => `<li><form method="post" action="${action("login")}">
        <input type="hidden" name="email" value="${escapeHtml(account.email)}">
        <button class="account" type="submit"><img src="/avatars/${subjectFor(account.email)}.svg" alt="" width="36" height="36"><span>${escapeHtml(account.name)}<small>${escapeHtml(account.email)}${account.verified ? "" : " · email not verified"}</small></span></button>
      </form></li>`,
    )
    .join("");
  return document(
    "Choose an account",
    `<p class="brand">Google stand-in</p>
    <h1>Choose an account</h1>
    <p>to continue to the site</p>
    <p class="note">This is the local Google stand-in: no password, no real Google account. Pick anyone.</p>
    <ul>${accountButtons}</ul>
    <form method="post" action="${action("login")}">
      <label for="email">Or use any email address</label>
      <input id="email" name="email" type="email" required autocomplete="email" placeholder="you@example.com"${error ? ' aria-describedby="email-error" aria-invalid="true"' : ""}>
      ${error ? `<p id="email-error" class="error">${escapeHtml(error)}</p>` : ""}
      <div class="row"><button class="primary" type="submit">Continue</button></div>
    </form>
    <form method="post" action="${action("deny")}">
      <div class="row"><span>Changed your mind?</span><button class="secondary" type="submit">Deny access</button></div>
    </form>`,
  );
}
