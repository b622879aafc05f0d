/**
 * Local stand-ins for the images compose.yaml pulls, `postgres:17` and `caddy:2`, which no registry gives us here:
 * Debian's PostgreSQL 15 and Caddy 2.6 on the node:24-slim stand-in's Debian (scripts/container/stand-ins/). An
 * official image already there under that name is used as it is; otherwise the stand-in is built, from podman's layer
 * cache after the first time (a second or two), so a change to its Containerfile is never missed.
 */
import { cpSync } from "node:fs";
import path from "node:path";
import { podman, podmanOk, testBuild } from "./podman";

const standIns = [
  { image: "docker.io/library/postgres:17", containerfile: "postgres.Containerfile" },
  { image: "docker.io/library/caddy:2", containerfile: "caddy.Containerfile" },
];

const standInsFolder = path.join(import.meta.dirname, "stand-ins");

async function isOfficial(image: string): Promise<boolean> {
  if ((await podman(["image", "exists", image])).code !== 0) return false;
  const label = await podmanOk(["image", "inspect", "--format", '{{index .Labels "nametag.stand-in"}}', image]);
  return label.trim() === "";
}

/** Makes the stand-ins that are needed; `workDir` is scratch space, removed by the caller. Returns what each one is. */
export async function ensureStandInImages(workDir: string): Promise<string[]> {
  // apt inside the build uses this host's sources and settings (its mirror): a copy, as packages' scripts write to
  // /etc/apt, mounted for the build only, so neither the mirror nor the settings end up in a layer.
  const apt = path.join(workDir, "apt");
  cpSync("/etc/apt", apt, { recursive: true });
  const made: string[] = [];
  for (const { image, containerfile } of standIns) {
    if (await isOfficial(image)) {
      made.push(`${image}: the official image`);
      continue;
    }
    const started = Date.now();
    await podmanOk(
      [
        ...testBuild,
        "--volume",
        `${apt}:/etc/apt`,
        "--file",
        path.join(standInsFolder, containerfile),
        "--tag",
        image,
        standInsFolder,
      ],
      { timeoutMs: 600_000 },
    );
    made.push(`${image}: the stand-in, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return made;
}
