import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Configuration } from "oidc-provider";
import { isLoopbackHostHeader } from "../lib/loopback";
import { avatarSvg, claimsFor, isPlausibleEmail, sampleAccounts, type GoogleClaims } from "./accounts";
import { loginPage, messagePage } from "./login-page";
import { oidc, withoutStandInNotices } from "./quiet-oidc-provider";
import { readForm } from "./read-form";
import { riscManagement, type RiscManagement, type RiscTransmitter } from "./risc-management";
import { createTransmitter, type StandInTransmitter } from "./transmitter";

const { default: Provider, interactionPolicy } = oidc;

export interface StandInOptions {
  /** 0 picks a free port. */
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Loopback only, by design. */
  host?: "127.0.0.1" | "::1";
  /** Signs the security event tokens the RISC management API sends (stream:verify); the stand-in's own by default. */
  riscTransmitter?: RiscTransmitter;
}

export interface StandIn {
  issuer: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}

/** Google shows its account chooser when asked with `prompt=select_account`; so do we, every time it is asked. */
function selectAccountPrompt() {
  const { Prompt, Check } = interactionPolicy;
  return new Prompt(
    { name: "select_account", requestable: true },
    new Check("select_account_requested", "account selection requested", (ctx) =>
      ctx.oidc.prompts.has("select_account") && !ctx.oidc.result?.select_account
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT,
    ),
  );
}

/** What the request handlers share: one running stand-in. */
interface Running {
  issuer: string;
  /** Everyone who can sign in, by `sub`: the sample accounts, and each email typed at the chooser once it has been. */
  accounts: Map<string, GoogleClaims>;
  provider: InstanceType<typeof Provider>;
  /** oidc-provider's own handler: discovery, keys, authorization, token, and the rest of the protocol. */
  protocol: ReturnType<InstanceType<typeof Provider>["callback"]>;
  risc: RiscManagement;
  transmitter: StandInTransmitter;
}

function providerConfiguration(options: StandInOptions, accounts: Running["accounts"]): Configuration {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const policy = interactionPolicy.base();
  policy.add(selectAccountPrompt(), 0);
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "stand-in-1", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified", "hd"],
      profile: ["name", "given_name", "family_name", "picture"],
    },
    // Google puts the profile claims in the ID token; Auth.js reads them only from there.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // A first-party client: consent is implied, as it is for Google's own sign-in button.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, sub) {
      const claims = accounts.get(sub);
      return claims && { accountId: sub, claims: () => claims };
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = messagePage("Sign-in request refused", `${out.error}: ${out.error_description ?? ""}`);
    },
    ttl: { AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  };
}

/** The chooser (GET), and its answers (POST): an account picked or typed (`login`), or access denied (`deny`). */
async function handleInteraction(
  standIn: Running,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: string | undefined,
) {
  const { provider } = standIn;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid)
    return send(res, 400, "text/html; charset=utf-8", messagePage("Expired", "Start again from the site."));
  if (req.method === "GET" && !action) {
    const hint = details.params.login_hint;
    return send(
      res,
      200,
      "text/html; charset=utf-8",
      loginPage({ uid, sampleAccounts, loginHint: typeof hint === "string" ? hint : undefined }),
    );
  }
  if (req.method !== "POST") return send(res, 405, "text/plain", "Method not allowed");
  const form = await readForm(req);
  if (action === "deny") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The user denied access." },
      { mergeWithLastSubmission: false },
    );
  }
  if (action === "login") {
    const email = (form.get("email") ?? "").trim();
    if (!isPlausibleEmail(email)) {
      return send(
        res,
        400,
        "text/html; charset=utf-8",
        loginPage({ uid, sampleAccounts, error: "Enter an email address such as ada@example.com." }),
      );
    }
    const sample = sampleAccounts.find((account) => account.email === email.toLowerCase());
    const claims = claimsFor(standIn.issuer, {
      ...sample,
      email,
      verified: form.get("verified") === "false" ? false : (sample?.verified ?? true),
    });
    standIn.accounts.set(claims.sub, claims);
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: claims.sub, remember: false }, select_account: {} },
      { mergeWithLastSubmission: false },
    );
  }
  return send(res, 404, "text/plain", "Not found");
}

function serveAvatar(standIn: Running, res: ServerResponse, sub: string) {
  const claims = standIn.accounts.get(sub);
  if (!claims) return send(res, 404, "text/plain", "Not found");
  res.writeHead(200, {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=86400",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(avatarSvg(claims));
}

function handleRequest(standIn: Running, req: IncomingMessage, res: ServerResponse) {
  // Loopback names only: a page on a rebinding attacker's domain that now points at 127.0.0.1 gets nothing from us.
  if (!isLoopbackHostHeader(req.headers.host))
    return send(res, 421, "text/plain", "Misdirected request: the Google stand-in answers on loopback names only.");
  const url = new URL(req.url ?? "/", standIn.issuer);
  const interactionMatch = /^\/interaction\/([\w-]+)(?:\/(login|deny))?$/.exec(url.pathname);
  const avatarMatch = /^\/avatars\/(\d{1,32})\.svg$/.exec(url.pathname);
  if (interactionMatch) {
    handleInteraction(standIn, req, res, interactionMatch[1]!, interactionMatch[2]).catch(() => {
      if (!res.headersSent)
        send(
          res,
          400,
          "text/html; charset=utf-8",
          messagePage("This sign-in has expired", "Go back to the site and sign in again."),
        );
    });
  } else if (avatarMatch) {
    serveAvatar(standIn, res, avatarMatch[1]!);
  } else if (standIn.transmitter.handle(req, res, url)) {
    // The transmitter: its configuration, its keys, and the tests' hooks.
  } else if (standIn.risc.handle(req, res, url)) {
    // Google's RISC management API, and the service account key it accepts.
  } else if (url.pathname === "/favicon.ico") {
    res.writeHead(204).end();
  } else {
    // Koa answers its own errors (ctx.onerror): the promise it returns does not reject.
    void standIn.protocol(req, res);
  }
}

/** Starts a Google-shaped OpenID provider on loopback. */
export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const accounts: Running["accounts"] = new Map();
  for (const sample of sampleAccounts) {
    const claims = claimsFor(issuer, sample);
    accounts.set(claims.sub, claims);
  }
  const provider = await withoutStandInNotices(() => new Provider(issuer, providerConfiguration(options, accounts)));
  const transmitter = await createTransmitter(issuer, options.clientId);
  const risc = riscManagement({ clientId: options.clientId, transmitter: options.riscTransmitter ?? transmitter });
  const standIn: Running = { issuer, accounts, provider, protocol: provider.callback(), risc, transmitter };
  server.on("request", (req, res) => handleRequest(standIn, req, res));

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
