/**
 * The new-device notice by mail, when the operator set SMTP_URL: sent after the sign-in's response, so a slow or
 * absent mail server never holds up the sign-in; one log line says whether it went, never the address in full.
 */
import "server-only";
import { after } from "next/server";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/config/env";
import { storeFailureReason } from "@/db/errors";
import type { SecurityEvent } from "@/db/security-events";
import { userEmail } from "@/db/user-queries";
import { newDeviceMail } from "@/lib/new-device-mail";
import { logEvent, maskEmail, userFields } from "./log";

/** Every wait bounded: nodemailer's defaults would wait two minutes to connect and ten for a silent server. */
const timeoutMs = 10_000;

let transport: Transporter | undefined;
function mailTransport(url: string): Transporter {
  return (transport ??= nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  }));
}

/** Mails the person about a sign-in from a device their account had not used; nothing when SMTP_URL is unset. */
export function mailNewDeviceNotice(event: SecurityEvent, siteOrigin: string | undefined): void {
  const { SMTP_URL: url, SMTP_FROM: from } = env;
  if (!url || !from) return;
  const user = userFields({ id: event.userId });
  after(async () => {
    let email: string | undefined;
    try {
      email = await userEmail(event.userId);
    } catch (error) {
      // The store's own words for why it could not answer, never the query.
      logEvent("warn", "new_device_mail_failed", { ...user, cause: storeFailureReason(error) });
      return;
    }
    if (!email) return;
    const { subject, text } = newDeviceMail({
      email,
      browser: event.browser,
      os: event.os,
      network: event.network,
      at: event.at,
      activityUrl: siteOrigin && `${siteOrigin}/account/activity`,
    });
    try {
      await mailTransport(url).sendMail({ from, to: email, subject, text });
      logEvent("info", "new_device_mail_sent", { ...user, to: maskEmail(email) });
    } catch (error) {
      // nodemailer's codes say what went wrong (ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE) without the server's chatter.
      const cause =
        (error as { code?: string }).code ?? (error instanceof Error ? error.message.split("\n")[0] : "unknown");
      logEvent("warn", "new_device_mail_failed", { ...user, to: maskEmail(email), cause });
    }
  });
}
