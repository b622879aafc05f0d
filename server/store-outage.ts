/**
 * What a request does when the store cannot answer: the page says so with a 503 and Retry-After (Next has no way to
 * give a rendered page a status of its own, so the response object is marked, below), an action changes nothing and
 * says so, and the operator gets one log line per kind of failure, not one per request.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { redirect } from "next/navigation";
import { storeFailureReason } from "@/db/errors";
import { sameSecret } from "@/lib/secrets";
import { logRepeated } from "./log";

/** How long a visitor is asked to wait: the bound on every database wait (DATABASE_TIMEOUT_MS) is a few seconds. */
export const retryAfterSeconds = 60;

/** Raised in place of the driver's error, whose message carries the query and its parameters. */
export class StoreUnavailableError extends Error {
  // A literal, not the class name: names are minified in the build, and other bundles test for this one.
  override name = "StoreUnavailableError";
  constructor(readonly reason: string) {
    super(`the database cannot answer: ${reason}`);
  }
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailableError =>
  error instanceof Error && error.name === "StoreUnavailableError";

/** Runs store work; a failure is logged (summarised when repeated) and comes out as a StoreUnavailableError. */
export async function fromStore<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isStoreUnavailable(error)) throw error;
    const reason = storeFailureReason(error);
    logRepeated("error", "store_unavailable", { during: what, reason });
    throw new StoreUnavailableError(reason);
  }
}

/** Where an action that the store could not carry out sends the visitor: a prerendered page saying nothing changed. */
export const notChangedPath = "/not-changed";

/**
 * An action's store work; when the store cannot answer, the visitor goes to the "nothing was changed" page, their
 * cookie kept (the work is all or nothing: one statement or one transaction).
 */
export async function whenStoreAnswers<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await fromStore(what, work);
  } catch (error) {
    if (isStoreUnavailable(error)) redirect(notChangedPath);
    throw error;
  }
}

export const outageHeader = "x-nametag-response";

/** Same scheme as the client address (server/request-address.ts): only the server can write a value with this mark. */
const keys = Symbol.for("nametag.outage-responses");
const shared = globalThis as { [keys]?: { mark: string; responses: Map<string, ServerResponse> } };

/** From instrumentation.ts: every request carries a key to its response, so a page can have it answered with a 503. */
export function installOutageAnswers(): void {
  const registry = (shared[keys] ??= { mark: randomUUID(), responses: new Map() });
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const emit: (this: Server, event: string, ...args: unknown[]) => boolean = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      const id = randomUUID();
      request.headers[outageHeader] = `${registry.mark} ${id}`;
      registry.responses.set(id, response);
      response.once("close", () => registry.responses.delete(id));
    }
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;
}

/**
 * This request's answer becomes a 503 with Retry-After, whatever status Next gives the page it renders (a 200 for the
 * "database unavailable" page, a 500 for a page that threw). Nothing when the headers are gone already.
 */
export function answerUnavailable(headers: Pick<Headers, "get">): void {
  const registry = shared[keys];
  const [given = "", id = ""] = headers.get(outageHeader)?.split(" ") ?? [];
  const response = registry && sameSecret(given, registry.mark) ? registry.responses.get(id) : undefined;
  if (!response || response.headersSent) return;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const writeHead = response.writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
  response.writeHead = function (this: ServerResponse, _status: number, ...rest: unknown[]) {
    this.setHeader("Retry-After", String(retryAfterSeconds));
    this.setHeader("Cache-Control", "no-store");
    // The reason phrase Next may have given belongs to its status, not ours.
    return writeHead.call(this, 503, ...rest.filter((argument) => typeof argument !== "string"));
  };
}
