import { readFileSync } from "node:fs";
import { test } from "@playwright/test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { GoogleLogo } from "../../components/google-logo";

/** Renders the social preview (Open Graph / Twitter card) and the Apple touch icon from the site's own mark. */
const mark = readFileSync("app/icon.svg", "utf8");
const googleLogo = renderToStaticMarkup(createElement(GoogleLogo, { className: "g" }));

test.use({ colorScheme: "light", deviceScaleFactor: 1 });

test("social preview image", async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 630 });
  await page.setContent(`<!doctype html><html><head><style>
    * { box-sizing: border-box; margin: 0; }
    body { width: 1200px; height: 630px; overflow: hidden; display: flex; align-items: center; gap: 56px; padding: 0 72px;
      font-family: system-ui, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: #1f1f1f;
      background: radial-gradient(900px 500px at 85% 45%, #d3e3fd 0%, rgba(211,227,253,0) 70%), #f8fafd; }
    .copy { flex: 1.1; display: flex; flex-direction: column; gap: 28px; }
    .brand { display: flex; align-items: center; gap: 16px; font-size: 34px; font-weight: 700; letter-spacing: -0.01em; }
    .brand svg { width: 56px; height: 56px; }
    h1 { text-wrap: balance; font-size: 62px; line-height: 1.08; letter-spacing: -0.03em; font-weight: 800; }
    p { font-size: 26px; color: #444746; line-height: 1.4; }
    .button { display: inline-flex; align-items: center; gap: 14px; height: 60px; padding: 0 24px 0 18px; border: 1.5px solid #747775;
      border-radius: 30px; background: #fff; font-size: 22px; font-weight: 500; align-self: flex-start; }
    .g { width: 28px; height: 28px; }
    .card { flex: 0.9; background: #fff; border: 1px solid #dadce0; border-radius: 28px; overflow: hidden;
      box-shadow: 0 2px 6px rgba(60,64,67,.12), 0 30px 60px -30px rgba(11,87,208,.45); }
    .bar { display: flex; gap: 8px; padding: 18px 22px; background: #f4f6fb; border-bottom: 1px solid #dadce0; }
    .bar span { width: 13px; height: 13px; border-radius: 50%; background: #dadce0; }
    .body { display: flex; flex-direction: column; align-items: center; gap: 12px; padding: 56px 28px 64px; text-align: center; }
    .avatar { width: 104px; height: 104px; border-radius: 50%; background: #0b57d0; color: #fff; display: grid; place-items: center;
      font-size: 40px; font-weight: 700; margin-bottom: 10px; }
    .hello { font-size: 27px; white-space: nowrap; font-weight: 800; letter-spacing: -0.02em; }
    .as { font-size: 18px; white-space: nowrap; color: #5f6368; }
  </style></head><body>
    <div class="copy">
      <div class="brand">${mark}Nametag</div>
      <h1>Sign in with Google, get a greeting.</h1>
      <p>Google sign-in on Next.js, done right with Auth.js.</p>
      <div class="button">${googleLogo}Sign in with Google</div>
    </div>
    <div class="card"><div class="bar"><span></span><span></span><span></span></div>
      <div class="body"><div class="avatar">AL</div><div class="hello">Hello, ada@example.com!</div><div class="as">Signed in with Google as Ada Lovelace.</div></div>
    </div>
  </body></html>`);
  await page.screenshot({ path: "public/social-preview.png" });
});

test("Apple touch icon", async ({ page }) => {
  await page.setViewportSize({ width: 180, height: 180 });
  // iOS rounds the corners itself and shows transparency as black: the mark fills the square.
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:#0b57d0">${mark.replace("<svg ", '<svg width="180" height="180" ')}</body></html>`,
  );
  await page.screenshot({ path: "app/apple-icon.png" });
});
