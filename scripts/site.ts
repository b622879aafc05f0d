/**
 * `npm run dev`, `npm run build` and `npm start` come through here so a fresh clone needs no set-up:
 * without Google credentials the local Google stand-in starts beside the site and the environment is wired to it.
 * The steps are the functions `main` calls, in that order.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { appendFileSync, chmodSync, realpathSync, writeFileSync } from "node:fs";
import { standInClientFrom } from "../google-stand-in/client";
import type { StandIn } from "../google-stand-in/stand-in";
import { loadEnvFiles } from "../config/env-files";
import { isLoopbackUrl } from "../lib/loopback";
import { newAuthSecret } from "../lib/secrets";
import { buildIsCurrent, sourceStamp, stampFile } from "./source-stamp";

type Command = "dev" | "build" | "start";

/** What the environment asks for, read once .env.local and .env are loaded. */
interface Settings {
  command: Command;
  explicitProduction: boolean;
  port: number;
  /** 0 lets the OS pick the stand-in's port. */
  standInPort: number;
  /** No Google credentials: the stand-in signs people in. */
  demo: boolean;
  trustHost: boolean;
}

/** Names people set for Google's client id and secret that Auth.js does not read. */
const nearMisses = {
  AUTH_GOOGLE_ID: [
    "AUTH_GOOGLE_CLIENT_ID",
    "GOOGLE_CLIENT_ID",
    "GOOGLE_ID",
    "NEXTAUTH_GOOGLE_ID",
    "GOOGLE_OAUTH_CLIENT_ID",
  ],
  AUTH_GOOGLE_SECRET: [
    "AUTH_GOOGLE_CLIENT_SECRET",
    "GOOGLE_CLIENT_SECRET",
    "GOOGLE_SECRET",
    "NEXTAUTH_GOOGLE_SECRET",
    "GOOGLE_OAUTH_CLIENT_SECRET",
  ],
};

/** Next warns that `next start` "does not work" with standalone output; it does (the image runs server.js instead). */
const misleadingWarning = /"next start" does not work with "output: standalone"/;

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

function parseArguments(args: string[]): { command: Command; nextArgs: string[] } {
  const [command, ...nextArgs] = args;
  if (!["dev", "build", "start"].includes(command ?? "")) {
    console.error("usage: tsx scripts/site.ts dev|build|start [next flags]");
    process.exit(2);
  }
  return { command: command as Command, nextArgs };
}

/** An empty variable means unset, for us and for Auth.js alike. */
function dropEmptyAuthVariables(): void {
  for (const [name, value] of Object.entries(process.env))
    if (name.startsWith("AUTH_") && value === "") delete process.env[name];
}

function readSettings(command: Command): Settings {
  const port = Number(process.env.PORT ?? 3000);
  return {
    command,
    explicitProduction: process.env.NODE_ENV === "production",
    port,
    standInPort: Number(process.env.GOOGLE_STAND_IN_PORT ?? port + 1),
    demo: !process.env.AUTH_GOOGLE_ID,
    trustHost: ["true", "1"].includes(process.env.AUTH_TRUST_HOST ?? ""),
  };
}

/** An explicit production start never falls back to the stand-in: it would let anyone on the host sign in as anyone. */
function refuseStandInInProduction({ explicitProduction, demo, command }: Settings): void {
  if (!explicitProduction || !demo || command === "build") return;
  const misnamed = Object.entries(nearMisses).flatMap(([name, misses]) =>
    misses.filter((miss) => process.env[miss]).map((miss) => `${miss} is set: rename it to ${name}.`),
  );
  fail(
    [
      "AUTH_GOOGLE_ID is not set, and NODE_ENV=production does not start the local Google stand-in. Set AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET (Google Cloud console → Credentials), or start without NODE_ENV for the stand-in.",
      ...misnamed,
    ].join("\n  "),
  );
}

function publicAuthUrlOrigin(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return isLoopbackUrl(url) ? undefined : new URL(url).origin;
}

/** The stand-in signs anyone in as anyone: it may serve a site on this machine, never one with a public address. */
function refuseStandInOnPublicAddress({ demo, command }: Settings): void {
  const publicOrigin = demo && command !== "build" ? publicAuthUrlOrigin(process.env.AUTH_URL) : undefined;
  if (publicOrigin)
    fail(
      `AUTH_URL is ${publicOrigin}, a public address, and AUTH_GOOGLE_ID is not set: the local Google stand-in would let anyone sign in as anyone there. Set AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET (Google Cloud console → Credentials), or use a localhost AUTH_URL to try the demo.`,
    );
}

function runNext(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), ...args], {
    // The IPC channel closes if this launcher dies, however: the server then stops too (server/shutdown.ts).
    stdio: ["inherit", "pipe", "pipe", "ipc"],
    env: process.env,
  });
  for (const [from, to] of [
    // Piped, as stdio says (with an "ipc" entry Node's types no longer know it).
    [child.stdout!, process.stdout],
    [child.stderr!, process.stderr],
  ] as const)
    createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
      if (!misleadingWarning.test(line)) to.write(`${line}\n`);
    });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

// The build needs no secret and no provider: demo mode and origins are decided when the server starts.
async function build(): Promise<void> {
  const stamp = sourceStamp();
  const code = await runNext(["build"]);
  if (code !== 0) process.exit(code);
  const { sealPrerenderedPagePolicy } = await import("../build/prerendered-pages");
  sealPrerenderedPagePolicy();
  writeFileSync(stampFile, stamp);
}

function ensureAuthSecret({ command, explicitProduction }: Settings): void {
  if (process.env.AUTH_SECRET) return;
  if (explicitProduction)
    fail("AUTH_SECRET is not set. Set it to a random string of 32+ characters: `openssl rand -base64 33`.");
  process.env.AUTH_SECRET = newAuthSecret();
  appendFileSync(
    ".env.local",
    `\n# Generated by \`npm run ${command}\`: signs session cookies. Keep it secret.\nAUTH_SECRET="${process.env.AUTH_SECRET}"\n`,
    { mode: 0o600 },
  );
  // The mode above applies only to a new file: an existing one is made owner-only too.
  chmodSync(".env.local", 0o600);
  console.log("› Generated AUTH_SECRET into .env.local");
}

function wireToStandIn({ port, standInPort, trustHost }: Settings): void {
  const { clientId, clientSecret } = standInClientFrom(process.env);
  Object.assign(process.env, {
    AUTH_GOOGLE_ID: clientId,
    AUTH_GOOGLE_SECRET: clientSecret,
    AUTH_GOOGLE_ISSUER: `http://127.0.0.1:${standInPort}`,
    // The stand-in is on loopback and plain http: allowed here, where we started it ourselves, and nowhere else.
    AUTH_ALLOW_LOCAL_ISSUER: "true",
  });
  // One canonical address, so the redirect URI at sign-in and at the callback always match.
  if (!trustHost) process.env.AUTH_URL ??= `http://localhost:${port}`;
}

async function checkEnvironment({ command }: Settings): Promise<void> {
  try {
    // Imported only now: lib/env.ts checks the environment as it loads, and the stand-in's settings are in place.
    const { parseEnv } = await import("../config/env");
    parseEnv({ ...process.env, NODE_ENV: command === "start" ? "production" : "development" });
  } catch (error) {
    if (error instanceof Error && error.name === "EnvError") fail(error.message);
    throw error;
  }
}

/** A newcomer's first `npm start`, or one after a code change or a BENCH=1 build: the environment never counts. */
async function buildIfStale({ command }: Settings): Promise<void> {
  if (command !== "start" || buildIsCurrent()) return;
  console.log("› Building the site before starting (no build yet, or the source changed since the last one)");
  await build();
}

async function startDemoStandIn({ port, standInPort }: Settings): Promise<StandIn> {
  let standIn: StandIn;
  try {
    const { startStandIn } = await import("../google-stand-in/stand-in");
    standIn = await startStandIn({
      port: standInPort,
      clientId: process.env.AUTH_GOOGLE_ID!,
      clientSecret: process.env.AUTH_GOOGLE_SECRET!,
      redirectUris: process.env.GOOGLE_STAND_IN_REDIRECT_URIS?.split(",") ?? [
        new URL("/api/auth/callback/google", process.env.AUTH_URL ?? `http://localhost:${port}`).href,
      ],
    });
  } catch (error) {
    fail(
      `The Google stand-in could not listen on 127.0.0.1:${standInPort} (${(error as Error).message}). Set GOOGLE_STAND_IN_PORT to a free port.`,
    );
  }
  // The same address as before, unless GOOGLE_STAND_IN_PORT=0 let the OS pick the port.
  process.env.AUTH_GOOGLE_ISSUER = standIn.issuer;
  console.log(
    `› Demo mode (no AUTH_GOOGLE_ID): sign-in goes to the Google stand-in at ${standIn.issuer}, a local imitation of Google with sample accounts, kept in memory. Set AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET to use Google.`,
  );
  console.log(`› Open http://localhost:${port}`);
  return standIn;
}

async function main(): Promise<never> {
  const { command, nextArgs } = parseArguments(process.argv.slice(2));
  loadEnvFiles();
  dropEmptyAuthVariables();
  const settings = readSettings(command);
  refuseStandInInProduction(settings);
  refuseStandInOnPublicAddress(settings);
  if (command === "build") {
    await build();
    process.exit(0);
  }
  ensureAuthSecret(settings);
  if (settings.demo) wireToStandIn(settings);
  await checkEnvironment(settings);
  await buildIfStale(settings);
  const standIn = settings.demo ? await startDemoStandIn(settings) : undefined;
  const code = await runNext([command, ...nextArgs]);
  await standIn?.close();
  process.exit(code);
}

// Run as a script, not when a test imports it.
if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) await main();
