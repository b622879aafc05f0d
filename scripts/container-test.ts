/**
 * `npm run test:container`: the Dockerfile built with podman (no Docker engine on our machines) and the image driven by
 * scripts/container/*.spec.ts (playwright.container.config.ts) in Chromium, compose.yaml included (compose.spec.ts, on
 * local stand-ins for its postgres and caddy images). Where podman cannot run containers it skips, saying why. Always
 * removes the containers, networks and volumes it made, and the images of its earlier builds that its tags no longer
 * name; keeps the tagged ones (the base, the build's and the stand-ins' layers as podman's cache).
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBaseImage } from "./container/base-image";
import { ensureStandInImages } from "./container/stand-in-images";
import {
  baseImage,
  builderImage,
  depsImage,
  podman,
  pruneTestImages,
  removeTestLeftovers,
  testImage,
  testBuild,
  writeContainersConf,
} from "./container/podman";

const caBundle = "/etc/ssl/certs/ca-certificates.crt";

/** Thrown where podman cannot run containers here: the test is skipped, with this reason printed. */
class Skip extends Error {}

function skip(reason: string): never {
  throw new Skip(reason);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

function commandExists(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Why podman cannot run here, before anything is made. Rootless podman needs subordinate ids this test does not set up. */
function whyPodmanCannotRun(): string | undefined {
  if (process.platform !== "linux") return `podman runs containers on Linux only, not ${process.platform}`;
  if (!commandExists("podman")) return "podman is not installed (apt-get install podman runc netavark debootstrap)";
  if (process.getuid?.() !== 0) return "not root (the test runs podman rootful)";
  return undefined;
}

/**
 * npm inside the build reaches the registry this machine uses, trusting this machine's certificates: an npmrc in a
 * folder mounted over the base image's empty /usr/local/etc (npm's global config) for the build only, so neither the
 * registry nor the bundle ends up in a layer or in a file of ours.
 */
function buildNpmConfig(dir: string): string {
  const folder = path.join(dir, "npm-etc");
  mkdirSync(folder);
  copyFileSync(caBundle, path.join(folder, "ca-certificates.crt"));
  const registry = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  writeFileSync(path.join(folder, "npmrc"), `registry=${registry}\ncafile=/usr/local/etc/ca-certificates.crt\n`);
  return folder;
}

function runInherited(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const reason = whyPodmanCannotRun();
  if (reason) skip(reason);
  const scratch = mkdtempSync(path.join(tmpdir(), "nametag-container-"));
  // Interrupted (Ctrl-C, a CI timeout): the containers still go, though `finally` below would not run.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void removeTestLeftovers().finally(() => {
        rmSync(scratch, { recursive: true, force: true });
        process.exit(130);
      });
    });
  const hardOpenFiles = Number(execFileSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" }).trim());
  process.env.CONTAINERS_CONF = writeContainersConf(scratch, hardOpenFiles);
  try {
    let started = Date.now();
    const base = await ensureBaseImage(scratch).catch((error: Error) => {
      if (!commandExists("debootstrap")) skip(`no ${baseImage} image and no debootstrap to make one`);
      throw error;
    });
    console.log(`› Base image ${baseImage}: ${base === "cached" ? "already there" : `made in ${seconds(started)}`}`);

    const probe = await podman(["run", "--rm", "--network", "host", baseImage, "true"]);
    if (probe.code !== 0) skip(`podman cannot create a container here:\n${probe.stderr.trim()}`);

    for (const made of await ensureStandInImages(scratch)) console.log(`› ${made}`);

    started = Date.now();
    console.log(`› Building ${testImage} from the Dockerfile`);
    const npmConfig = buildNpmConfig(scratch);
    const build = (...args: string[]) => [...testBuild, "--volume", `${npmConfig}:/usr/local/etc:ro`, ...args, "."];
    const built = await runInherited("podman", build("--tag", testImage), process.env);
    if (built !== 0) return built;
    // compose.yaml's one-shot migration runs the build stage's image: the layers just built, tagged.
    const builder = await podman(build("--target", "builder", "--tag", builderImage), { timeoutMs: 600_000 });
    if (builder.code !== 0) throw new Error(`building the build stage failed:\n${builder.stderr}`);
    const deps = await podman(build("--target", "deps", "--tag", depsImage), { timeoutMs: 600_000 });
    if (deps.code !== 0) throw new Error(`tagging the dependency stage failed:\n${deps.stderr}`);
    console.log(`› Built in ${seconds(started)}`);

    started = Date.now();
    const tested = await runInherited("npx", ["playwright", "test", "--config", "playwright.container.config.ts"], {
      ...process.env,
      NAMETAG_IMAGE: testImage,
      NAMETAG_BUILDER_IMAGE: builderImage,
    });
    console.log(`› Container checks took ${seconds(started)}`);
    return tested;
  } finally {
    await removeTestLeftovers();
    await pruneTestImages().catch((error: Error) =>
      console.error(`› Pruning the test's old images failed: ${error.message}`),
    );
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exit(
  await main().catch((error: unknown) => {
    if (!(error instanceof Skip)) throw error;
    console.log(`› Skipping the container test: ${error.message}`);
    return 0;
  }),
);
