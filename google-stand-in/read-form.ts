import type { IncomingMessage } from "node:http";

const maxFormBytes = 4096;

/** A url-encoded form body, refused past a few kilobytes: no request can make the server buffer without bound. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > maxFormBytes) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}
