/**
 * Docker cannot run here, so what can be checked without it is: compose.yaml parses and wires what the README says,
 * the Caddyfile and deploy/nginx.conf are valid configuration (nginx.conf with the settings the failover e2e test
 * runs), and the Dockerfile's final stage runs what the e2e suite starts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  baseLocationDirectives,
  failoverLocationDirectives,
  upstreamDirectives,
  upstreamServerParameters,
} from "./nginx-settings";

interface ComposeService {
  image?: string;
  networks?: { default?: { ipv4_address?: string } };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync("compose.yaml", "utf8")) as {
  services: Record<string, ComposeService>;
  networks?: { default?: { ipam?: { config?: { subnet?: string }[] } } };
};
const dockerfile = readFileSync("Dockerfile", "utf8");

describe("compose.yaml", () => {
  it("has PostgreSQL 17, a one-shot migration, two app replicas and Caddy", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app1", "app2", "caddy", "db", "migrate"]);
    expect(compose.services.db!.image).toBe("postgres:17");
    expect(compose.services.migrate!.command).toEqual(["npm", "run", "db:migrate"]);
  });
  it("gives both replicas the same secrets and starts them only after the migration", () => {
    expect(compose.services.app1!.environment).toEqual(compose.services.app2!.environment);
    for (const name of ["AUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "AUTH_GOOGLE_ID", "DATABASE_URL"])
      expect(compose.services.app1!.environment).toHaveProperty(name);
    expect(compose.services.app1!.depends_on?.migrate?.condition).toBe("service_completed_successfully");
  });
  it("has the replicas believe X-Forwarded-For from Caddy alone, at its fixed address on the compose network", () => {
    const caddyAddress = compose.services.caddy!.networks?.default?.ipv4_address;
    expect(caddyAddress).toBeDefined();
    expect(compose.services.app1!.environment?.TRUSTED_PROXIES).toBe(caddyAddress);
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? "";
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    expect(caddyAddress!.startsWith(subnet.replace(/0\/24$/, ""))).toBe(true);
  });
  it("holds no secret itself: every one comes from the operator's .env", () => {
    for (const [name, value] of Object.entries(compose.services.app1!.environment ?? {}))
      if (/SECRET|KEY|PASSWORD/.test(name)) expect(value, name).toMatch(/^\$\{\w+:\?/);
  });
});

describe("Dockerfile", () => {
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
  it("runs the standalone server as the unprivileged node user on node:24-slim", () => {
    expect(dockerfile).toMatch(/^FROM node:24-slim AS base$/m);
    expect(finalStage).toContain("USER node");
    expect(finalStage).toContain('CMD ["node", "server.js"]');
    expect(finalStage).toContain("HOSTNAME=0.0.0.0");
  });
  it("copies only the standalone output, .next/static and public/ into the final image (what e2e/servers.ts copies)", () => {
    const copies = [...finalStage.matchAll(/^COPY --from=builder --chown=node:node (\S+) (\S+)$/gm)].map(
      (match) => `${match[1]} ${match[2]}`,
    );
    expect(copies.sort()).toEqual([
      "/app/.next/standalone ./",
      "/app/.next/static ./.next/static",
      "/app/public ./public",
    ]);
  });
  it("checks health with Node's fetch (no curl in the slim image)", () => {
    expect(finalStage).toMatch(
      /HEALTHCHECK[\s\S]*fetch\(`http:\/\/127\.0\.0\.1:\$\{process\.env\.PORT\}\/api\/health`\)/,
    );
  });
  it("passes no secret into the build", () => {
    expect(dockerfile).not.toMatch(/^(ARG|ENV) .*(SECRET|PASSWORD|AUTH_)/m);
  });
});

const caddy = spawnSync("caddy", ["version"]);
describe("deploy/Caddyfile", () => {
  it("gives every request a fresh X-Request-Id, as nginx does (the site logs it)", () => {
    const lines = readFileSync("deploy/Caddyfile", "utf8")
      .split("\n")
      .map((line) => line.trim());
    expect(lines).toContain("header_up X-Request-Id {http.request.uuid}");
  });
});

describe.skipIf(caddy.status !== 0)("deploy/Caddyfile with Caddy", () => {
  it("is valid Caddy configuration", () => {
    const result = spawnSync("caddy", ["validate", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"], {
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
  });
});

describe("deploy/nginx.conf", () => {
  const nginxConf = readFileSync("deploy/nginx.conf", "utf8");
  const lines = new Set(nginxConf.split("\n").map((line) => line.trim()));
  it("has every upstream and location setting the failover e2e test runs with (deploy/nginx-settings.ts)", () => {
    for (const directive of [...upstreamDirectives, ...baseLocationDirectives, ...failoverLocationDirectives])
      expect(lines, directive).toContain(directive);
    const servers = nginxConf.match(/^\s*server 127\.0\.0\.1:\d+.*;$/gm) ?? [];
    expect(servers).toHaveLength(2);
    for (const server of servers) expect(server.trim()).toMatch(new RegExp(` ${upstreamServerParameters};$`));
  });
  it("never retries a request that is not idempotent", () => {
    const retries = [...lines].filter((line) => line.startsWith("proxy_next_upstream "));
    expect(retries).toEqual(["proxy_next_upstream error timeout http_502 http_503;"]);
  });
  const tools = spawnSync("sh", ["-c", "command -v nginx && command -v openssl"]);
  it("limits requests to /api/auth/ per client address, answering 429, and nothing else", () => {
    expect(nginxConf).toMatch(
      /map \$uri \$nametag_auth_client \{\s*~\^\/api\/auth\/ \$binary_remote_addr;\s*default "";/,
    );
    expect(lines).toContain("limit_req_zone $nametag_auth_client zone=nametag_auth:10m rate=5r/s;");
    expect(lines).toContain("limit_req zone=nametag_auth burst=20 nodelay;");
    expect(lines).toContain("limit_req_status 429;");
  });

  it.skipIf(tools.status !== 0)("is valid nginx configuration (nginx -t, with a throwaway certificate)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nginx-conf-"));
    try {
      const certificate = spawnSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=nametag.example.com",
          "-keyout",
          path.join(dir, "key.pem"),
          "-out",
          path.join(dir, "cert.pem"),
        ],
        { encoding: "utf8" },
      );
      expect(certificate.status, certificate.stderr).toBe(0);
      const site = nginxConf
        .replace(/\/etc\/letsencrypt\/live\/nametag\.example\.com\/fullchain\.pem/g, path.join(dir, "cert.pem"))
        .replace(/\/etc\/letsencrypt\/live\/nametag\.example\.com\/privkey\.pem/g, path.join(dir, "key.pem"));
      writeFileSync(path.join(dir, "site.conf"), site);
      writeFileSync(
        path.join(dir, "nginx.conf"),
        `pid ${path.join(dir, "nginx.pid")};\nerror_log stderr;\nevents {}\nhttp { access_log off; include ${path.join(dir, "site.conf")}; }\n`,
      );
      const result = spawnSync("nginx", ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
