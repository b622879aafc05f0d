import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, exportJWK, generateKeyPair, importPKCS8, jwtVerify, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RiscTransmitter } from "../google-stand-in/risc-management";
import { startStandIn, type StandIn } from "../google-stand-in/stand-in";
import { riscManagementAudience, verificationEventType } from "../lib/risc-management";
import { runRisc, serviceAccountJwt } from "./risc";

let standIn: StandIn;
let dir: string;
let keyFile: string;
let keyJson: Record<string, string>;

beforeAll(async () => {
  standIn = await startStandIn({ port: 0, clientId: "client", clientSecret: "secret", redirectUris: [] });
  dir = await mkdtemp(join(tmpdir(), "risc-"));
  // The way a developer gets a key offline: the stand-in issues one.
  keyJson = (await (await fetch(`${standIn.issuer}/risc/service-account-key`)).json()) as Record<string, string>;
  keyFile = join(dir, "key.json");
  await writeFile(keyFile, JSON.stringify(keyJson));
});
afterAll(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function risc(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRisc(
    args,
    { GOOGLE_RISC_API: standIn.issuer, GOOGLE_RISC_SERVICE_ACCOUNT_FILE: keyFile, ...env },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The exit code, and what was printed on `stream` contains (or matches) `text`. */
function expectRun(run: Run, code: number, stream: "out" | "err", text: string | RegExp) {
  expect(run.code, run.err).toBe(code);
  if (typeof text === "string") expect(run[stream]).toContain(text);
  else expect(run[stream]).toMatch(text);
}

async function keyFileWith(name: string, changes: Record<string, unknown>): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({ ...keyJson, ...changes }));
  return path;
}

const otherPrivateKey = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("npm run risc against the stand-in's management API", () => {
  beforeEach(async () => {
    await risc(["enable"]);
  });

  it("registers a receiver, and status shows it with every event type", async () => {
    const receiver = "http://localhost:3000/api/google/risc";
    expectRun(await risc(["register", receiver]), 0, "out", receiver);
    const status = await risc(["status"]);
    expect(status.code).toBe(0);
    expect(status.out).toContain(`Receiver: ${receiver}`);
    expect(status.out).toContain("Delivery: enabled");
    expect(status.out).toMatch(/Events: .*sessions-revoked.*account-disabled.*verification/);
  });

  it("disables and enables delivery", async () => {
    await risc(["register", "https://localhost/api/google/risc"]);
    expect(await risc(["disable"])).toMatchObject({ code: 0, out: "Delivery disabled." });
    expect((await risc(["status"])).out).toContain("Delivery: disabled");
    expect(await risc(["enable"])).toMatchObject({ code: 0, out: "Delivery enabled." });
    expect((await risc(["status"])).out).toContain("Delivery: enabled");
  });

  it("refuses a key the stand-in did not issue, saying so, and never prints the key", async () => {
    const privateKey = otherPrivateKey();
    for (const path of [
      await keyFileWith("forged.json", { private_key: privateKey }),
      // The issued private key under another key id: Google picks the public key by `kid`.
      await keyFileWith("other-id.json", { private_key_id: "0123abcd" }),
      await keyFileWith("other-account.json", { client_email: "someone@stand-in.iam.gserviceaccount.com" }),
    ]) {
      const run = await risc(["status"], { GOOGLE_RISC_SERVICE_ACCOUNT_FILE: path });
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/refused the request \(401\): UNAUTHENTICATED/);
      expect(run.err).toContain("RISC Configuration Admin");
      expect(run.err).not.toContain("PRIVATE KEY");
    }
  });

  it("refuses a request with no token, an expired one, one for another API or living past an hour", async () => {
    const key = { ...keyJson, type: "service_account" as const } as Parameters<typeof serviceAccountJwt>[0];
    const now = Math.floor(Date.now() / 1000);
    const token = async (audience: string, lifetime: number) =>
      new SignJWT()
        .setProtectedHeader({ alg: "RS256", kid: key.private_key_id })
        .setIssuer(key.client_email)
        .setSubject(key.client_email)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetime)
        .sign(await importPKCS8(key.private_key, "RS256"));
    for (const bearer of [
      undefined,
      await serviceAccountJwt(key, now - 7200),
      await token("https://oauth2.googleapis.com/token", 3600),
      await token(riscManagementAudience, 24 * 3600),
    ]) {
      const response = await fetch(`${standIn.issuer}/v1beta/stream/status`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { status: "UNAUTHENTICATED" } });
    }
    const fresh = await fetch(`${standIn.issuer}/v1beta/stream/status`, {
      headers: { authorization: `Bearer ${await token(riscManagementAudience, 3600)}` },
    });
    expect(fresh.status).toBe(200);
  });

  it.each([
    ["ftp://example.com/risc", /must use https/],
    ["http://example.com/api/google/risc", /must use https \(http only on a loopback host/],
    ["not a url", /must be an absolute URL/],
    ["https://user:pw@example.com/risc", /must not carry a user name or password/],
  ])("refuses the receiver URL %j before calling Google", async (url, message) => {
    const run = await risc(["register", url]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^The receiver URL /);
    expect(run.err).toMatch(message);
  });

  it("the stand-in itself delivers to this machine only", async () => {
    const run = await risc(["register", "https://example.com/api/google/risc"]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\(400\): INVALID_ARGUMENT delivery.url must be on a loopback host/);
  });

  it("names the variable when the key file is missing, unreadable or not a service account key", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /GOOGLE_RISC_SERVICE_ACCOUNT_FILE: must be the path/],
      [
        { GOOGLE_RISC_SERVICE_ACCOUNT_FILE: join(dir, "nope.json") },
        /GOOGLE_RISC_SERVICE_ACCOUNT_FILE: cannot read .*ENOENT/,
      ],
      [
        { GOOGLE_RISC_SERVICE_ACCOUNT_FILE: await keyFileWith("web.json", { type: "authorized_user" }) },
        /type: must be "service_account"/,
      ],
      [
        {
          GOOGLE_RISC_SERVICE_ACCOUNT_FILE: await keyFileWith("pem.json", {
            private_key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
          }),
        },
        /private_key is not an RSA private key/,
      ],
    ];
    for (const [env, message] of cases) {
      const err: string[] = [];
      const code = await runRisc(
        ["status"],
        { GOOGLE_RISC_API: standIn.issuer, ...env },
        { out: () => {}, err: (line) => err.push(line) },
      );
      expect(code).toBe(1);
      expect(err.join("\n")).toMatch(message);
      expect(err.join("\n")).not.toContain(keyJson.private_key!.slice(40, 80));
    }
  });

  it("refuses an http API that is not on this machine", async () => {
    const run = await risc(["status"], { GOOGLE_RISC_API: "http://risc.example.com" });
    expectRun(run, 1, "err", /^GOOGLE_RISC_API must use https/);
  });

  it("says when the API cannot be reached", async () => {
    const run = await risc(["status"], { GOOGLE_RISC_API: "http://127.0.0.1:1" });
    expectRun(run, 1, "err", "Could not reach the RISC API");
  });

  it("answers a wrong command line with the usage and exit code 2", async () => {
    for (const args of [[], ["register"], ["fly"], ["status", "extra"], ["verify", "a", "b"]]) {
      const run = await risc(args);
      expect(run.code).toBe(2);
      expect(run.err).toContain("Usage: npm run risc");
    }
  });
});

describe("npm run risc -- verify: the stand-in pushes a signed verification event to the receiver", () => {
  const issuer = "http://127.0.0.1/risc-test-transmitter";
  let transmitting: StandIn;
  let publicJwk: JWK;
  let receiver: Server;
  let receiverUrl: string;
  /** What the receiver answers next, and what it was sent. */
  let answer = 202;
  const received: { type: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    publicJwk = { ...(await exportJWK(publicKey)), kid: "test-1", alg: "RS256" };
    // Stands in for google-stand-in/transmitter.ts's signer until the receiver's branch wires it in.
    const transmitter: RiscTransmitter = {
      issuer,
      sign: (claims) =>
        new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-1", typ: "secevent+jwt" }).sign(privateKey),
    };
    transmitting = await startStandIn({
      port: 0,
      clientId: "client",
      clientSecret: "secret",
      redirectUris: [],
      riscTransmitter: transmitter,
    });
    const key = await (await fetch(`${transmitting.issuer}/risc/service-account-key`)).text();
    await writeFile(join(dir, "transmitting-key.json"), key);
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ type: req.headers["content-type"], body });
        res
          .writeHead(answer, { "content-type": "application/json" })
          .end(answer === 202 ? "" : '{"err":"invalid_key"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/google/risc`;
  });
  afterAll(async () => {
    await transmitting.close();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => {
    answer = 202;
    received.length = 0;
  });

  const verifyRisc = (args: string[]) =>
    risc(args, {
      GOOGLE_RISC_API: transmitting.issuer,
      GOOGLE_RISC_SERVICE_ACCOUNT_FILE: join(dir, "transmitting-key.json"),
    });

  it("delivers a verification SET carrying the state, signed by the transmitter's key", async () => {
    expect((await verifyRisc(["register", receiverUrl])).code).toBe(0);
    const run = await verifyRisc(["verify", "hello-state"]);
    expectRun(run, 0, "out", "hello-state");
    expect(received).toHaveLength(1);
    expect(received[0]!.type).toBe("application/secevent+jwt");
    const { payload, protectedHeader } = await jwtVerify(received[0]!.body, createLocalJWKSet({ keys: [publicJwk] }), {
      issuer,
      audience: "client",
      typ: "secevent+jwt",
      algorithms: ["RS256"],
    });
    expect(protectedHeader.kid).toBe("test-1");
    expect(typeof payload.jti).toBe("string");
    expect(payload.events).toEqual({ [verificationEventType]: { state: "hello-state" } });
  });

  it("reports the receiver's refusal", async () => {
    await verifyRisc(["register", receiverUrl]);
    answer = 400;
    const run = await verifyRisc(["verify"]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`The receiver at ${receiverUrl} answered 400: {"err":"invalid_key"}`);
  });

  it("a stand-in started without a transmitter signs with its own (google-stand-in/transmitter.ts)", async () => {
    await risc(["register", receiverUrl]);
    await risc(["verify"]);
    expect(received).toHaveLength(1);
  });
});
