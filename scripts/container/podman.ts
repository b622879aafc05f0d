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
/** On every container the test starts, so that whatever is left of a run can be found and removed. */
export const testLabel = "nametag.container-test=1";

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

/** Removes every container a run of the test left, running or not, with its anonymous volume (/app/.data). */
export async function removeTestContainers(): Promise<void> {
  const ids = (await podmanOk(["ps", "--all", "--quiet", "--filter", `label=${testLabel}`]))
    .split("\n")
    .filter(Boolean);
  if (ids.length) await podman(["rm", "--force", "--volumes", ...ids], { timeoutMs: 60_000 });
}
