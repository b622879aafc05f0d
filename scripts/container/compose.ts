/**
 * compose.yaml brought up with podman, read from the file itself (no Compose here: podman-compose 1.0.3 ignores
 * depends_on conditions). What compose.yaml uses is honoured: `${VAR:?…}`/`${VAR:-…}` interpolation, depends_on with
 * service_healthy and service_completed_successfully, healthchecks, the default network's subnet and fixed addresses,
 * service names as DNS names, named volumes, bind mounts, stop_grace_period. Not mapped: `restart` (nothing here
 * crashes on purpose, and podman restarts only through systemd) and published ports' host side, which the caller
 * picks, if it publishes them at all (a test must not take the host's 80 and 443).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { podman, podmanOk, testLabel } from "./podman";

interface Healthcheck {
  test: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

interface Service {
  image?: string;
  build?: string | { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  networks?: { default?: { ipv4_address?: string } };
  ports?: string[];
  volumes?: string[];
  stop_grace_period?: string;
}

export interface ComposeFile {
  name: string;
  services: Record<string, Service>;
  networks?: { default?: { ipam?: { config?: { subnet?: string }[] } } };
  volumes?: Record<string, unknown>;
}

/** Compose's interpolation of one string: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g,
    (match, name?: string, colon?: string, kind?: string, rest?: string) => {
      if (match === "$$") return "$";
      const value = variables[name!];
      const missing = value === undefined || (colon === ":" && value === "");
      if (!missing) return value;
      if (kind === "?") throw new Error(`compose.yaml: ${rest || `${name} is required`}`);
      return kind === "-" ? rest! : "";
    },
  );
}

function interpolateAll(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === "string") return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, variables));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, variables)]));
  return value;
}

/** The compose file with `variables` (what an operator's .env holds) put in, as `docker compose` reads it. */
export function readCompose(file: string, variables: Record<string, string>): ComposeFile {
  return interpolateAll(parse(readFileSync(file, "utf8")), variables) as ComposeFile;
}

/** A compose duration (`5s`, `1m30s`, `250ms`) in seconds. */
function seconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(amount) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit as "ms" | "s" | "m" | "h"];
  return total;
}

/** `postgres:17` as podman names a Docker Hub image, so that a local image by that name is found without a pull. */
function qualified(image: string): string {
  const first = image.split("/")[0]!;
  if (image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")) return image;
  return `docker.io/${image.includes("/") ? "" : "library/"}${image}`;
}

export interface ComposeOptions {
  /** Names the containers, the network and the volumes (`<project>-<service>-1`, `<project>_default`): the test's own. */
  project: string;
  /** The folder compose.yaml's relative paths start from. */
  directory: string;
  /** The image already built for a service's `build` (compose would build it). */
  builtImage(build: { context: string; target?: string }): string;
  /** Variables added to a service's environment (the test's stand-in in place of Google, say). */
  extraEnvironment?(service: string): Record<string, string>;
  /**
   * Where a service's published container port goes on the host: an address and port the caller picks. Without it
   * nothing is published, and the caller reaches the containers at their own addresses.
   */
  publish?(service: string, containerPort: number): Promise<{ address: string; port: number }>;
  /** Called once a service's container has been created, before anything waits on it. */
  onStarted?(service: string, container: string, network: ComposeProject["network"]): Promise<void>;
}

export interface ComposeProject {
  network: { name: string; gateway: string };
  /** The container of each service started. */
  containers: Record<string, string>;
  /** What a service's container printed, for failure messages. */
  logs(service: string): Promise<string>;
  /** Stops and removes every container, the network and the volumes (as `docker compose down --volumes`). */
  down(): Promise<void>;
}

/**
 * Starts every service of `compose`, each after what it depends on meets its condition; returns when all have been
 * started and those others wait on have met their conditions. On failure, whatever was made is removed.
 */
export async function composeUp(compose: ComposeFile, options: ComposeOptions): Promise<ComposeProject> {
  const { project } = options;
  const containerOf = (service: string) => `${project}-${service}-1`;
  const volumeOf = (volume: string) => `${project}_${volume}`;
  const networkName = `${project}_default`;
  const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet;
  const network = { name: networkName, gateway: "" };
  const containers: Record<string, string> = {};

  const logs = async (service: string) => {
    const { stdout, stderr } = await podman(["logs", containerOf(service)]);
    return stdout + stderr;
  };
  const down = async () => {
    const names = Object.values(containers);
    // Compose's order, reversed: dependants first, so no replica logs the database vanishing under it. --depend takes
    // along containers sharing one's network namespace (the caller's, say), which would keep it otherwise.
    for (const name of names.reverse())
      await podmanOk(["rm", "--force", "--ignore", "--depend", "--volumes", name], { timeoutMs: 60_000 });
    await podmanOk(["network", "rm", "--force", networkName]);
    for (const volume of Object.keys(compose.volumes ?? {}))
      await podmanOk(["volume", "rm", "--force", volumeOf(volume)]);
  };

  const running = async (service: string) =>
    (await podmanOk(["inspect", "--format", "{{.State.Running}}", containerOf(service)])).trim() === "true";

  async function healthy(service: string): Promise<void> {
    const check = compose.services[service]!.healthcheck;
    // As compose gives up: after `retries` failed checks `interval` apart, past the start period; we check more often.
    const withinSeconds = check
      ? seconds(check.start_period ?? "0s") + seconds(check.interval ?? "30s") * (check.retries ?? 3)
      : 60;
    const deadline = Date.now() + withinSeconds * 1000;
    for (;;) {
      if ((await podman(["healthcheck", "run", containerOf(service)])).code === 0) return;
      if (!(await running(service)))
        throw new Error(`${service} stopped before it was healthy:\n${await logs(service)}`);
      if (Date.now() > deadline)
        throw new Error(`${service} was not healthy within ${withinSeconds} s:\n${await logs(service)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function completedSuccessfully(service: string): Promise<void> {
    const code = Number((await podmanOk(["wait", containerOf(service)], { timeoutMs: 300_000 })).trim());
    if (code !== 0) throw new Error(`${service} exited ${code}:\n${await logs(service)}`);
  }

  async function start(service: string): Promise<void> {
    const definition = compose.services[service]!;
    await Promise.all(
      Object.entries(definition.depends_on ?? {}).map(async ([dependency, { condition }]) => {
        await started(dependency);
        if (condition === "service_healthy") await waited(dependency, healthy);
        else if (condition === "service_completed_successfully") await waited(dependency, completedSuccessfully);
        else if (condition !== "service_started") throw new Error(`compose.yaml: unknown condition ${condition}`);
      }),
    );
    const build = typeof definition.build === "string" ? { context: definition.build } : definition.build;
    const image = build ? options.builtImage(build) : qualified(definition.image!);
    const environment = { ...definition.environment, ...options.extraEnvironment?.(service) };
    const ports: string[] = [];
    for (const mapping of options.publish ? (definition.ports ?? []) : []) {
      const containerPort = Number(mapping.split(":").at(-1));
      const host = await options.publish!(service, containerPort);
      ports.push("--publish", `${host.address}:${host.port}:${containerPort}`);
    }
    const volumes = (definition.volumes ?? []).flatMap((volume) => {
      const [source, ...rest] = volume.split(":");
      const named = !source!.startsWith(".") && !source!.startsWith("/");
      return ["--volume", [named ? volumeOf(source!) : path.resolve(options.directory, source!), ...rest].join(":")];
    });
    const check = definition.healthcheck;
    const healthcheck = check
      ? [
          // The form compose's ["CMD", …] means: an argument list, not a shell line.
          "--health-cmd",
          JSON.stringify(check.test[0] === "CMD" ? check.test.slice(1) : check.test),
          ...(check.interval ? ["--health-interval", check.interval] : []),
          ...(check.timeout ? ["--health-timeout", check.timeout] : []),
          ...(check.retries ? ["--health-retries", String(check.retries)] : []),
        ]
      : [];
    const address = definition.networks?.default?.ipv4_address;
    containers[service] = containerOf(service);
    await podmanOk([
      "run",
      "--detach",
      "--pull=never",
      "--name",
      containerOf(service),
      "--label",
      testLabel,
      "--network",
      networkName,
      // The service's name is its address on the network, as with compose (Caddy's `app1:3000`, `@db:5432`).
      "--network-alias",
      service,
      ...(address ? ["--ip", address] : []),
      ...(definition.stop_grace_period ? ["--stop-timeout", String(seconds(definition.stop_grace_period))] : []),
      ...Object.entries(environment).flatMap(([name, value]) => ["--env", `${name}=${value}`]),
      ...ports,
      ...volumes,
      ...healthcheck,
      image,
      ...(definition.command ?? []),
    ]);
    await options.onStarted?.(service, containerOf(service), network);
  }

  const starts = new Map<string, Promise<void>>();
  const started = (service: string) => {
    if (!starts.has(service)) starts.set(service, start(service));
    return starts.get(service)!;
  };
  const conditions = new Map<string, Promise<void>>();
  const waited = (service: string, condition: (service: string) => Promise<void>) => {
    const key = `${service} ${condition.name}`;
    if (!conditions.has(key)) conditions.set(key, condition(service));
    return conditions.get(key)!;
  };

  try {
    await podmanOk(["network", "create", "--label", testLabel, ...(subnet ? ["--subnet", subnet] : []), networkName]);
    for (const volume of Object.keys(compose.volumes ?? {}))
      await podmanOk(["volume", "create", "--label", testLabel, volumeOf(volume)]);
    network.gateway = (
      JSON.parse(await podmanOk(["network", "inspect", networkName])) as { subnets: { gateway: string }[] }[]
    )[0]!.subnets[0]!.gateway;
    // Every start, even of a service that failed: what waits on a failed one fails with it.
    await Promise.allSettled(Object.keys(compose.services).map(started)).then((outcomes) => {
      for (const outcome of outcomes) if (outcome.status === "rejected") throw outcome.reason;
    });
    await Promise.all([...conditions.values()]);
    return { network, containers, logs, down };
  } catch (error) {
    // What failed matters more than a removal that failed after it.
    await down().catch((removal: Error) => console.error(`› Removing compose's containers failed: ${removal.message}`));
    throw error;
  }
}
