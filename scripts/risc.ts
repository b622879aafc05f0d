/**
 * `npm run risc -- register <receiver URL> | status | verify [state] | enable | disable`: the Cross-Account
 * Protection receiver's registration at Google's RISC management API, as a service account.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import { EnvError, parseWith } from "../config/env-parse";
import { isLoopbackUrl } from "../lib/loopback";
import {
  pushDeliveryMethod,
  riscEventTypes,
  riscManagementAudience,
  type GoogleApiError,
  type StreamDelivery,
} from "../lib/risc-management";

const usage = `Usage: npm run risc -- <command>
  register <receiver URL>   send Google's security events to this URL (https; http only on loopback)
  status                    the registered receiver, its events and whether delivery is on
  verify [state]            ask Google to send a verification event (with this state, or a random one)
  enable | disable          turn delivery on or off
Needs GOOGLE_RISC_SERVICE_ACCOUNT_FILE (a service account's JSON key); GOOGLE_RISC_API overrides Google's API.`;

const requestTimeoutMs = 15_000;

/** A failure the person running the script can act on: printed alone, exit code 1. */
class RiscError extends Error {}

/** https, or http on this machine (the stand-in, a local site); parsed by URL, so `https://evil@host` shows as what it is. */
function webUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RiscError(`${name} must be an absolute URL (https://...), got ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackUrl(url.href)))
    throw new RiscError(`${name} must use https (http only on a loopback host such as localhost), got ${url.href}.`);
  if (url.username || url.password) throw new RiscError(`${name} must not carry a user name or password.`);
  if (url.hash) throw new RiscError(`${name} must not have a #fragment.`);
  return url;
}

const envSchema = z.object({
  GOOGLE_RISC_SERVICE_ACCOUNT_FILE: z.string({
    error: "must be the path of the service account's JSON key file (see README, Cross-Account Protection)",
  }),
  GOOGLE_RISC_API: z.string().default("https://risc.googleapis.com"),
});

const keyFileSchema = z.object({
  type: z.literal("service_account", { error: 'must be "service_account": this is not a service account key' }),
  client_email: z.email({ error: "must be the service account's email" }),
  private_key_id: z.string().regex(/^\w+$/, { error: "must be the key's id" }),
  private_key: z.string().startsWith("-----BEGIN PRIVATE KEY-----", { error: "must be a PEM private key" }),
});

type KeyFile = z.output<typeof keyFileSchema>;

async function readKeyFile(path: string): Promise<KeyFile> {
  const name = "GOOGLE_RISC_SERVICE_ACCOUNT_FILE";
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new RiscError(`${name}: cannot read ${path} (${code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RiscError(`${name}: ${path} is not JSON; download the key again (Keys → Add key → JSON).`);
  }
  const parsed = keyFileSchema.safeParse(json);
  // Field names and zod's messages only: never the file's values, which include the private key.
  if (!parsed.success)
    throw new RiscError(
      `${name}: ${path} is not a service account key file:\n${parsed.error.issues
        .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
        .join("\n")}`,
    );
  return parsed.data;
}

/** The self-signed JWT Google's RISC API takes instead of an OAuth access token; valid for an hour. */
export async function serviceAccountJwt(key: KeyFile, now = Math.floor(Date.now() / 1000)): Promise<string> {
  let privateKey: CryptoKey;
  try {
    privateKey = await importPKCS8(key.private_key, "RS256");
  } catch {
    throw new RiscError("GOOGLE_RISC_SERVICE_ACCOUNT_FILE: private_key is not an RSA private key.");
  }
  return new SignJWT()
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.private_key_id })
    .setIssuer(key.client_email)
    .setSubject(key.client_email)
    .setAudience(riscManagementAudience)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
}

interface Api {
  call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown>;
}

function api(base: URL, token: string): Api {
  return {
    async call(method, path, body) {
      const url = new URL(path, base);
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        throw new RiscError(`Could not reach the RISC API at ${url.origin} (GOOGLE_RISC_API): ${cause}`);
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      if (response.ok) return json;
      throw new ApiFailure(response.status, json, text);
    },
  };
}

/** Google's answer to a refused request, with its own message when it sent one. */
class ApiFailure extends RiscError {
  constructor(
    readonly httpStatus: number,
    json: unknown,
    text: string,
  ) {
    const error = (json as Partial<GoogleApiError> | undefined)?.error;
    const detail = error?.message ? `${error.status ?? ""} ${error.message}`.trim() : text.slice(0, 300);
    const hint =
      httpStatus === 401 || httpStatus === 403
        ? "\nCheck the key file, the service account's role (RISC Configuration Admin) and that the RISC API is enabled."
        : "";
    super(`The RISC API refused the request (${httpStatus}): ${detail}${hint}`);
  }
}

interface Output {
  out(line: string): void;
  err(line: string): void;
}

interface StreamConfig {
  delivery?: StreamDelivery;
  events_requested?: string[];
}

async function runCommand(command: string, args: string[], env: Record<string, string | undefined>, io: Output) {
  const { GOOGLE_RISC_SERVICE_ACCOUNT_FILE: keyPath, GOOGLE_RISC_API } = parseWith(envSchema, env);
  const base = webUrl(GOOGLE_RISC_API, "GOOGLE_RISC_API");
  const client = api(base, await serviceAccountJwt(await readKeyFile(keyPath)));
  const shortType = (uri: string) => uri.replace(/^.*\//, "");

  switch (command) {
    case "register": {
      const receiver = webUrl(args[0]!, "The receiver URL");
      await client.call("POST", "/v1beta/stream:update", {
        delivery: { delivery_method: pushDeliveryMethod, url: receiver.href },
        events_requested: riscEventTypes,
      });
      io.out(`Registered ${receiver.href} for ${riscEventTypes.length} event types.`);
      io.out("Next: npm run risc -- verify (a verification event should reach the receiver).");
      return;
    }
    case "status": {
      let config: StreamConfig;
      try {
        config = (await client.call("GET", "/v1beta/stream")) as StreamConfig;
      } catch (error) {
        if (!(error instanceof ApiFailure && error.httpStatus === 404)) throw error;
        io.out("No receiver registered: npm run risc -- register <receiver URL>.");
        return;
      }
      const { status } = (await client.call("GET", "/v1beta/stream/status")) as { status?: string };
      io.out(`Receiver: ${config.delivery?.url ?? "(none)"}`);
      io.out(`Delivery: ${status ?? "unknown"}`);
      io.out(`Events: ${(config.events_requested ?? []).map(shortType).join(", ") || "(none)"}`);
      return;
    }
    case "verify": {
      const state = args[0] ?? randomBytes(12).toString("base64url");
      await client.call("POST", "/v1beta/stream:verify", { state });
      io.out(`Asked for a verification event with state ${state}: the site logs it when it arrives.`);
      return;
    }
    case "enable":
    case "disable": {
      await client.call("POST", "/v1beta/stream/status:update", { status: `${command}d` });
      io.out(`Delivery ${command}d.`);
      return;
    }
  }
}

const commands: Record<string, number> = { register: 1, status: 0, verify: 0, enable: 0, disable: 0 };

/** Runs one command; the exit code: 0 done, 1 refused or failed, 2 a wrong command line. */
export async function runRisc(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Output = { out: console.log, err: console.error },
): Promise<number> {
  const [command = "", ...args] = argv;
  const required = commands[command];
  const allowed = command === "verify" ? 1 : required;
  if (required === undefined || args.length < required || args.length > allowed!) {
    io.err(command && required === undefined ? `Unknown command ${JSON.stringify(command)}.\n${usage}` : usage);
    return 2;
  }
  try {
    await runCommand(command, args, env, io);
    return 0;
  } catch (error) {
    if (error instanceof RiscError || error instanceof EnvError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  process.exitCode = await runRisc(process.argv.slice(2), process.env);
