/**
 * The nginx settings that let one instance stop (deploy, crash) without a visitor seeing an error. One source for
 * both configs: deploy/nginx.conf (the recommended production config, checked against these lines by
 * deploy/deploy-files.test.ts) and the loopback proxy of the failover e2e test (scripts/nginx.ts).
 */

/** Each `server` line of the upstream: one failed attempt takes it out for 5 s, then nginx tries it again by itself. */
export const upstreamServerParameters = "max_fails=1 fail_timeout=5s";

export const upstreamDirectives = [
  // Reused connections to the instances: no TCP handshake per request.
  "keepalive 16;",
  // Below Node's own keep-alive timeout (5 s): nginx drops an idle connection before Node may close it under a request.
  "keepalive_timeout 4s;",
];

/** What every proxied request needs, failover or not. */
export const baseLocationDirectives = [
  "proxy_http_version 1.1;",
  // HTTP/1.1 without "Connection: close", so upstream connections stay open for reuse.
  'proxy_set_header Connection "";',
  // Next's answers to a sign-in carry several cookies and a long CSP: nginx's default 4k header buffer answers 502.
  "proxy_buffer_size 32k;",
  "proxy_buffers 8 32k;",
  "proxy_busy_buffers_size 64k;",
  // The visitor's Host (with its port): the site compares it with a form's Origin and redirects other names.
  "proxy_set_header Host $http_host;",
  "proxy_set_header X-Forwarded-Proto $scheme;",
  // Whom nginx saw, after whatever the visitor claimed: the site believes it from a proxy in TRUSTED_PROXIES only.
  "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
];

/** Retries and forwarding for several instances. */
export const failoverLocationDirectives = [
  "proxy_set_header X-Forwarded-Host $http_host;",
  // The site logs it with every error line: one id across proxy and instance.
  "proxy_set_header X-Request-Id $request_id;",
  // A stopped instance refuses at once; a vanished host must not hold a visitor for nginx's default 60 s.
  "proxy_connect_timeout 2s;",
  // Idempotent requests only (no non_idempotent): a POST that may have reached an instance is never sent twice.
  "proxy_next_upstream error timeout http_502 http_503;",
  "proxy_next_upstream_timeout 10s;",
];
