/**
 * The stand-in's RISC management API: Google's endpoints for registering a Cross-Account Protection receiver
 * (`/v1beta/stream...`), behind a service account key the stand-in issues itself (`/risc/service-account-key`).
 */
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { importSPKI, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { isLoopbackUrl } from "../lib/loopback";
import {
  pushDeliveryMethod,
  riscEventTypes,
  riscManagementAudience,
  verificationEventType,
  type GoogleApiError,
  type StreamDelivery,
} from "../lib/risc-management";

/** What signs the stand-in's security event tokens: the transmitter (`/risc/jwks` serves its keys). */
export interface RiscTransmitter {
  /** The `iss` of its tokens (what its `/.well-known/risc-configuration` says). */
  issuer: string;
  /** A compact JWS of `claims` (RS256, its current `kid`, `typ: secevent+jwt`). */
  sign(claims: JWTPayload): Promise<string>;
}

export interface RiscManagementOptions {
  /** The OAuth client the tokens are for (their `aud`), as Google's are for the project's client id. */
  clientId: string;
  /** Unset: `stream:verify` answers that the stand-in cannot sign yet. */
  transmitter?: RiscTransmitter;
}

/** The JSON key file Google's console downloads for a service account (the fields the script reads, and a few). */
interface ServiceAccountKeyFile {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
}

export interface RiscManagement {
  /** Answers the request if its path is one of ours; false leaves it to the rest of the stand-in. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

interface Stream {
  delivery?: StreamDelivery;
  eventsRequested: string[];
  status: "enabled" | "disabled";
}

const maxBodyBytes = 16 * 1024;
const pushTimeoutMs = 5_000;

const updateBody = z.object({
  delivery: z.object({
    delivery_method: z.literal(pushDeliveryMethod, { error: `delivery.delivery_method must be ${pushDeliveryMethod}` }),
    url: z
      .url({ protocol: /^https?$/, error: "delivery.url must be an http(s) URL" })
      // The stand-in posts only to this machine: it is never a way to make requests elsewhere.
      .refine(isLoopbackUrl, "delivery.url must be on a loopback host: the stand-in delivers to this machine only"),
  }),
  events_requested: z
    .array(z.string().refine((type) => riscEventTypes.includes(type), "events_requested has an unknown event type"))
    .min(1, "events_requested must name at least one event type"),
});
const statusBody = z.object({
  status: z.enum(["enabled", "disabled"], { error: "status must be enabled or disabled" }),
});
const verifyBody = z.object({ state: z.string().max(1024, "state is too long").optional() });

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: ApiError) {
  const body: GoogleApiError = { error: { code: error.code, message: error.message, status: error.status } };
  sendJson(res, error.code, body);
}

async function readJson<Schema extends z.ZodType>(req: IncomingMessage, schema: Schema): Promise<z.output<Schema>> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > maxBodyBytes) throw new ApiError(413, "INVALID_ARGUMENT", "The request body is too large.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text || "{}");
  } catch {
    throw new ApiError(400, "INVALID_ARGUMENT", "The request body is not JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(400, "INVALID_ARGUMENT", parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

function issueServiceAccountKey(): ServiceAccountKeyFile & { publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    type: "service_account",
    project_id: "stand-in",
    private_key_id: randomBytes(20).toString("hex"),
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: "risc-admin@stand-in.iam.gserviceaccount.com",
    client_id: String(BigInt(`0x${randomBytes(8).toString("hex")}`)),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Google's checks of the self-signed JWT: our key (by `kid`), RS256, iss = sub = the account, the API's aud, 1 h at most. */
async function authenticate(req: IncomingMessage, key: ReturnType<typeof issueServiceAccountKey>) {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (!token) throw new ApiError(401, "UNAUTHENTICATED", "Request is missing a bearer token.");
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        if (header.kid !== key.private_key_id) throw new Error(`unknown key id ${header.kid}`);
        return importSPKI(key.publicKey, "RS256");
      },
      {
        algorithms: ["RS256"],
        issuer: key.client_email,
        subject: key.client_email,
        audience: riscManagementAudience,
        requiredClaims: ["iat", "exp"],
      },
    );
    if (payload.exp! - payload.iat! > 3600) throw new Error("the token lives longer than an hour");
  } catch (error) {
    const reason = error instanceof Error ? error.message : "invalid token";
    throw new ApiError(401, "UNAUTHENTICATED", `Request had invalid authentication credentials: ${reason}.`);
  }
}

/** Delivers one token as RFC 8935 push delivery does; the stand-in waits for the answer and reports it. */
async function push(url: string, token: string) {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/secevent+jwt", accept: "application/json" },
      body: token,
      redirect: "manual",
      signal: AbortSignal.timeout(pushTimeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
    throw new ApiError(502, "UNAVAILABLE", `The receiver at ${url} did not answer: ${reason}`);
  }
  const answer = (await response.text()).slice(0, 500);
  if (response.status !== 202 && response.status !== 200)
    throw new ApiError(502, "UNAVAILABLE", `The receiver at ${url} answered ${response.status}: ${answer}`);
}

export function riscManagement(options: RiscManagementOptions): RiscManagement {
  const key = issueServiceAccountKey();
  const { publicKey: _publicKey, ...keyFile } = key;
  const stream: Stream = { eventsRequested: [], status: "enabled" };

  const configured = () => {
    if (!stream.delivery)
      throw new ApiError(404, "NOT_FOUND", "No stream is configured: register a receiver with stream:update first.");
    return stream.delivery;
  };
  const streamConfig = (delivery: StreamDelivery) => ({
    iss: options.transmitter?.issuer,
    aud: [options.clientId],
    delivery,
    events_supported: riscEventTypes,
    events_requested: stream.eventsRequested,
    events_delivered: stream.eventsRequested,
  });

  const routes: Record<string, Record<string, (req: IncomingMessage) => Promise<unknown>>> = {
    "/v1beta/stream": { GET: async () => streamConfig(configured()) },
    "/v1beta/stream:update": {
      POST: async (req) => {
        const body = await readJson(req, updateBody);
        stream.delivery = body.delivery;
        stream.eventsRequested = [...new Set(body.events_requested)];
        return {};
      },
    },
    "/v1beta/stream/status": { GET: async () => ({ status: stream.status }) },
    "/v1beta/stream/status:update": {
      POST: async (req) => {
        stream.status = (await readJson(req, statusBody)).status;
        return {};
      },
    },
    "/v1beta/stream:verify": {
      POST: async (req) => {
        const { state } = await readJson(req, verifyBody);
        const { url } = configured();
        if (!options.transmitter)
          throw new ApiError(501, "UNIMPLEMENTED", "This stand-in has no transmitter to sign events with.");
        const token = await options.transmitter.sign({
          iss: options.transmitter.issuer,
          aud: options.clientId,
          iat: Math.floor(Date.now() / 1000),
          jti: randomUUID(),
          events: { [verificationEventType]: state === undefined ? {} : { state } },
        });
        // Whatever the stream's status: a verification is how a receiver is tested before it is turned on.
        await push(url, token);
        return {};
      },
    },
  };

  return {
    handle(req, res, url) {
      if (url.pathname === "/risc/service-account-key") {
        // Loopback only, like every stand-in path; no CORS header, so no web page can read it.
        if (req.method !== "GET") sendJson(res, 405, { error: "GET only" });
        else sendJson(res, 200, keyFile);
        return true;
      }
      const route = routes[url.pathname];
      if (!route) return false;
      const handler = route[req.method ?? ""];
      if (!handler) {
        sendError(res, new ApiError(405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${url.pathname}.`));
        return true;
      }
      authenticate(req, key)
        .then(() => handler(req))
        .then(
          (body) => sendJson(res, 200, body),
          (error: unknown) =>
            sendError(
              res,
              error instanceof ApiError ? error : new ApiError(500, "INTERNAL", "The stand-in failed to answer."),
            ),
        );
      return true;
    },
  };
}
