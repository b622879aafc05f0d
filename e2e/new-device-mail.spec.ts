/**
 * The new-device notice by mail: the site sends to a real SMTP server of the test's own (smtp-server on loopback),
 * which keeps what it receives and turns away any recipient whose address starts with `bounce-`.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { firefoxOnLinux, test as devices } from "./devices";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInWithEmail } from "./sign-in";

interface Delivered {
  from: string;
  to: string[];
  raw: string;
}

interface MailSink {
  delivered: Delivered[];
  url: string;
}

const sender = "Nametag <security@nametag.test>";

const test = devices.extend<object, { sink: MailSink; mailingSite: RunningSite }>({
  sink: [
    async ({}, use) => {
      const delivered: Delivered[] = [];
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (!address.address.startsWith("bounce-")) return callback();
          callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            delivered.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              raw: Buffer.concat(chunks).toString("utf8"),
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.server.address() as AddressInfo;
      await use({ delivered, url: `smtp://127.0.0.1:${port}` });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    { scope: "worker" },
  ],
  mailingSite: [
    async ({ sink }, use) => {
      const site = await startWithStandIn({ SMTP_URL: sink.url, SMTP_FROM: sender });
      await use(site);
      await site.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ mailingSite }, use) => use(mailingSite.url),
});

const person = (prefix = "mail") => `${prefix}-${randomUUID().slice(0, 13)}@example.org`;
const mailsTo = (sink: MailSink, email: string) => sink.delivered.filter((mail) => mail.to.includes(email));

/** The site's log lines of one event that also say `what` (a masked address tells this test's person apart). */
const logLines = (site: RunningSite, event: string, what: string) =>
  site
    .output()
    .split("\n")
    .filter((line) => line.includes(`"event":"${event}"`) && line.includes(what));

async function signInAt(page: Page, email: string) {
  await page.goto("/greeting");
  await signInWithEmail(page, email);
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
}

test("a sign-in from a new device is mailed to the person, with where to sign it out", async ({
  newDevice,
  sink,
  mailingSite,
}) => {
  const email = person();
  // A first sign-in has no other device to warn, and the same device again is no news: only Firefox is.
  await signInAt(await newDevice(), email);
  await signInAt(await newDevice(), email);
  await signInAt(await newDevice({ userAgent: firefoxOnLinux }), email);
  await expect.poll(() => logLines(mailingSite, "new_device_mail_sent", "m***@example.org")).toHaveLength(1);
  const mails = mailsTo(sink, email);
  expect(mails).toHaveLength(1);
  const { from, raw } = mails[0]!;
  expect(from).toBe("security@nametag.test");
  expect(raw).toMatch(/^From: Nametag <security@nametag\.test>\r?$/m);
  expect(raw).toMatch(new RegExp(`^To: ${email}\\r?$`, "m"));
  expect(raw).toMatch(/^Subject: New sign-in to Nametag: Firefox on Linux\r?$/m);
  expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r?$/m);
  expect(raw).toMatch(/^ {2}Firefox on Linux, from the network 127\.0\.0\.0\/24\r?$/m);
  expect(raw).toContain(`  http://localhost:${mailingSite.port}/account/activity`);
});

test("a mail server that refuses the mail costs the sign-in nothing, and the log says why", async ({
  newDevice,
  sink,
  mailingSite,
}) => {
  const email = person("bounce");
  const first = await newDevice();
  await signInAt(first, email);
  await signInAt(await newDevice({ userAgent: firefoxOnLinux }), email);
  await expect.poll(() => logLines(mailingSite, "new_device_mail_failed", '"cause":"EENVELOPE"')).toHaveLength(1);
  expect(mailsTo(sink, email)).toEqual([]);
  // The notice is still there for the person's other browser.
  await first.reload();
  await expect(first.getByRole("region", { name: "New sign-in" })).toContainText("New sign-in: Firefox on Linux");
});
