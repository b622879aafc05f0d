import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  baseLocationDirectives,
  failoverLocationDirectives,
  upstreamDirectives,
  upstreamServerParameters,
} from "../deploy/nginx-settings";
import { spawnGroup } from "./process-group";

/** Debian's nginx; tests that need it skip when it is not installed. */
const nginxBinary = "/usr/sbin/nginx";
export const hasNginx = existsSync(nginxBinary);

export interface NginxOptions {
  /** Loopback port nginx listens on. */
  port: number;
  /** Loopback ports of the sites behind it, taken in turn (round robin) when there are several. */
  upstreamPorts: number[];
  /** A shared cache that follows the answers' Cache-Control and Vary (proxy_cache), reporting itself in `X-Cache-Status`. */
  cache?: boolean;
  /** The production failover settings of deploy/nginx.conf: keep-alive, passive health, retries of idempotent requests. */
  failover?: boolean;
  /** Adds `X-Upstream: $upstream_addr` to every answer: which instance(s) nginx tried, the last one answered. */
  upstreamHeader?: boolean;
}

export interface RunningNginx {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function config(dir: string, { port, upstreamPorts, cache, failover, upstreamHeader }: NginxOptions): string {
  const temp = (name: string) => path.join(dir, name);
  const serverParameters = failover ? ` ${upstreamServerParameters}` : "";
  const location = [...baseLocationDirectives, ...(failover ? failoverLocationDirectives : [])];
  return `
error_log stderr warn;
pid ${temp("nginx.pid")};
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp("client-body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  ${cache ? `proxy_cache_path ${temp("cache")} levels=1:2 keys_zone=site:1m max_size=64m inactive=10m;` : ""}
  upstream site {
    ${upstreamPorts.map((upstream) => `server 127.0.0.1:${upstream}${serverParameters};`).join("\n    ")}
    ${failover ? upstreamDirectives.join("\n    ") : ""}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://site;
      ${location.join("\n      ")}
      ${upstreamHeader ? "add_header X-Upstream $upstream_addr always;" : ""}
      ${cache ? "proxy_cache site;\n      add_header X-Cache-Status $upstream_cache_status always;" : ""}
    }
  }
}
`;
}

/**
 * nginx in the foreground with a config file and temp folders of its own, on loopback, stopped by pid. One process
 * (`master_process off`), so it runs as the user who started it and its files stay in its own temp folder.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-nginx-"));
  for (const sub of ["client-body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"]) mkdirSync(path.join(dir, sub));
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, config(dir, options));
  const nginx = spawnGroup(nginxBinary, ["-p", dir, "-c", file, "-g", "daemon off; master_process off;"], process.env);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (nginx.child.exitCode !== null) throw new Error(`nginx exited (${nginx.child.exitCode}):\n${nginx.output()}`);
    // Any answer, even the site's 308, means nginx listens.
    const listening = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (listening) break;
    if (Date.now() > deadline) {
      await nginx.stop();
      throw new Error(`nginx did not listen on ${url} within 10 s:\n${nginx.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: nginx.output,
    async stop() {
      await nginx.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
