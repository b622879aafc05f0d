/**
 * Podman as the container test drives it (no Docker engine on our machines): rootful, runc, host networking, and a
 * containers.conf of our own (CONTAINERS_CONF) rather than one in /etc.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

/** The image the Dockerfile's `FROM node:24-slim` names, as podman spells it. */
export const baseImage = "docker.io/library/node:24-slim";
/** The image the container test builds from the Dockerfile. */
export const testImage = "localhost/nametag:container-test";
/** The Dockerfile's build stage, which compose.yaml's migration runs. */
export const builderImage = "localhost/nametag:container-test-builder";
/**
 * The Dockerfile's dependency stage (`npm ci`), tagged only so that it is kept as the cache: no later step is built on
 * it (the build stage copies from it), so untagged it would be pruned after every run.
 */
export const depsImage = "localhost/nametag:container-test-deps";
/**
 * On every image, container, network and volume the test makes, so that whatever is left of a run can be found and
 * removed (and nothing it did not make is).
 */
export const testLabel = "nametag.container-test=1";

/**
 * `podman build` as the test runs it: from local images only, on the host's network (the registry npm and apt use),
 * in Docker's format (OCI has no HEALTHCHECK), labelled on every step's image so a rebuild's leftovers can be pruned.
 */
export const testBuild = ["build", "--pull=never", "--network", "host", "--format", "docker", "--label", testLabel];

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs podman and waits at most `timeoutMs`; `input` goes to its stdin (a tar stream for `podman import`). */
export function podman(
  args: string[],
  { timeoutMs = 60_000, input }: { timeoutMs?: number; input?: NodeJS.ReadableStream } = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn("podman", args, { stdio: [input ? "pipe" : "ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    if (input) input.pipe(child.stdin!);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`podman ${args.join(" ")} took longer than ${timeoutMs / 1000} s:\n${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Like `podman`, but a non-zero exit is an error carrying what podman said. */
export async function podmanOk(args: string[], options?: Parameters<typeof podman>[1]): Promise<string> {
  const outcome = await podman(args, options);
  if (outcome.code !== 0)
    throw new Error(`podman ${args.join(" ")} exited ${outcome.code}:\n${outcome.stderr}${outcome.stdout}`);
  return outcome.stdout;
}

/**
 * The settings podman needs on a machine like our CI's: runc (crun refuses hybrid cgroups), netavark, and ulimits no
 * higher than this process's hard limit (the runtime cannot raise them). Returns the file for CONTAINERS_CONF.
 */
export function writeContainersConf(dir: string, hardOpenFiles: number): string {
  const file = path.join(dir, "containers.conf");
  writeFileSync(
    file,
    [
      "[containers]",
      `default_ulimits = ["nofile=${hardOpenFiles}:${hardOpenFiles}", "nproc=32768:32768"]`,
      "[engine]",
      'runtime = "runc"',
      "[network]",
      'network_backend = "netavark"',
      "",
    ].join("\n"),
  );
  return file;
}

/**
 * Removes every container a run of the test left, running or not, with its anonymous volume (/app/.data), then the
 * networks and named volumes (compose.spec.ts's) it left.
 */
export async function removeTestLeftovers(): Promise<void> {
  const ids = (await podmanOk(["ps", "--all", "--quiet", "--filter", `label=${testLabel}`]))
    .split("\n")
    .filter(Boolean);
  // --depend: a container sharing another's network namespace must go first, or the other stays.
  if (ids.length) await podman(["rm", "--force", "--depend", "--volumes", ...ids], { timeoutMs: 60_000 });
  await podman(["network", "prune", "--force", "--filter", `label=${testLabel}`]);
  await podman(["volume", "prune", "--force", "--filter", `label=${testLabel}`]);
}

/**
 * Removes the images of the test's earlier builds that its tags no longer name, with the layers only they used: a
 * rebuild after a change leaves the old image and its own steps behind, untagged. What the tags name stays, as the
 * next build's cache. Every build of the test labels its steps, so other images are never touched.
 */
export async function pruneTestImages(): Promise<void> {
  await podmanOk(["image", "prune", "--force", "--filter", `label=${testLabel}`], { timeoutMs: 300_000 });
}

export interface RunningContainer {
  name: string;
  /** What the container printed so far, for failure messages. */
  logs(): Promise<string>;
  /** Removes it, running or not, with its anonymous volume. */
  remove(): Promise<void>;
}

/**
 * Runs `image` on the host's network, labelled as the test's, and waits (at most `readyWithinMs`) until `healthUrl`
 * answers 200; a container that stops before that is an error carrying its log.
 */
export async function startContainer({
  image,
  name,
  env,
  command = [],
  healthUrl,
  readyWithinMs = 60_000,
}: {
  image: string;
  name: string;
  env: Record<string, string>;
  command?: string[];
  healthUrl: string;
  readyWithinMs?: number;
}): Promise<RunningContainer> {
  await podmanOk([
    "run",
    "--detach",
    "--name",
    name,
    "--label",
    testLabel,
    "--network",
    "host",
    ...Object.entries(env).flatMap(([variable, value]) => ["--env", `${variable}=${value}`]),
    image,
    ...command,
  ]);
  const container: RunningContainer = {
    name,
    logs: async () => {
      const { stdout, stderr } = await podman(["logs", name]);
      return stdout + stderr;
    },
    remove: async () => {
      await podman(["rm", "--force", "--volumes", name]);
    },
  };
  try {
    await waitForHealth(name, healthUrl, readyWithinMs);
  } catch (error) {
    const logs = await container.logs();
    await container.remove();
    throw new Error(`${(error as Error).message}:\n${logs}`);
  }
  return container;
}

async function waitForHealth(name: string, healthUrl: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if ((await podmanOk(["inspect", "--format", "{{.State.Running}}", name])).trim() !== "true")
      throw new Error(`${name} stopped before answering`);
    const up = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer at ${healthUrl} within ${withinMs / 1000} s`);
}
