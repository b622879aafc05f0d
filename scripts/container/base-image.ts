/**
 * The Dockerfile's base, `node:24-slim`, made on this machine when no registry can give it: Debian's minimal system
 * (debootstrap from the mirror apt uses), Node and npm from the npm registry, a `node` user with uid/gid 1000, as the
 * official image has. Made once and kept by its tag; an official node:24-slim already there is used as it is.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { baseImage, podman, podmanOk, testLabel } from "./podman";

function run(command: string, args: string[], options: { cwd?: string } = {}): string {
  return execFileSync(command, args, { ...options, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The Debian release of this host (`bookworm`), so its apt mirror certainly carries it. */
function hostCodename(): string {
  const codename = /^VERSION_CODENAME=(\S+)$/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
  if (!codename) throw new Error("/etc/os-release names no VERSION_CODENAME: not a Debian host");
  return codename;
}

/** The mirror apt already uses for that release (DEBIAN_MIRROR overrides it): never a host written down here. */
function aptMirror(codename: string): string {
  if (process.env.DEBIAN_MIRROR) return process.env.DEBIAN_MIRROR;
  const sources = [
    "/etc/apt/sources.list",
    ...readdirSync("/etc/apt/sources.list.d").map((name) => `/etc/apt/sources.list.d/${name}`),
  ]
    .filter((file) => /\.(list|sources)$/.test(file) && existsSync(file))
    .map((file) => readFileSync(file, "utf8"));
  for (const text of sources) {
    const oneLine = new RegExp(`^deb\\s+(?:\\[[^\\]]*\\]\\s+)?(\\S+)\\s+${codename}\\s`, "m").exec(text)?.[1];
    if (oneLine) return oneLine;
    for (const stanza of text.split(/\n\s*\n/)) {
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1]?.split(/\s+/) ?? [];
      const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
      if (uri && suites.includes(codename) && /^Types:.*\bdeb\b/m.test(stanza)) return uri;
    }
  }
  throw new Error(`no apt source for ${codename} found: set DEBIAN_MIRROR`);
}

/** The Node 24 release CI runs (package.json engines' floor for 24, as .ci/run reads it). */
function nodeVersion(): string {
  const range = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;
  const floor = /(?:\^|>=)(24\.\d+\.\d+)/.exec(range)?.[1];
  if (!floor) throw new Error(`package.json engines (${range}) names no Node 24 release`);
  return floor;
}

const nodeArch = () => ({ x64: "x64", arm64: "arm64" })[process.arch as "x64" | "arm64"] ?? process.arch;

/** `npm pack` into `dir`, returning the tarball's path. */
function pack(spec: string, dir: string): string {
  return path.join(dir, run("npm", ["pack", "--silent", spec], { cwd: dir }).trim().split("\n").pop()!);
}

function importRootfs(root: string): Promise<string> {
  const tar = spawn("tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
  return podmanOk(
    [
      "import",
      "--change",
      "ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "--change",
      'CMD=["node"]',
      "--change",
      `LABEL=${testLabel}`,
      "-",
      baseImage,
    ],
    { input: tar.stdout, timeoutMs: 300_000 },
  );
}

/** Makes the base image unless one is there already; `workDir` is scratch space, removed by the caller. */
export async function ensureBaseImage(workDir: string): Promise<"cached" | "made"> {
  if ((await podman(["image", "exists", baseImage])).code === 0) return "cached";
  const codename = hostCodename();
  const mirror = aptMirror(codename);
  const root = path.join(workDir, "rootfs");
  console.log(`› Making ${baseImage}: Debian ${codename} (minbase, ${mirror}), Node ${nodeVersion()}, npm 11`);
  run("debootstrap", ["--variant=minbase", codename, root, mirror]);
  const packages = path.join(workDir, "packages");
  mkdirSync(packages);
  run("tar", [
    "-xzf",
    pack(`node-linux-${nodeArch()}@${nodeVersion()}`, packages),
    "-C",
    path.join(root, "usr/local"),
    "--strip-components=1",
    "package/bin",
    "package/include",
    "package/share",
  ]);
  const npmDir = path.join(root, "usr/local/lib/node_modules/npm");
  mkdirSync(npmDir, { recursive: true });
  run("tar", ["-xzf", pack("npm@11", packages), "-C", npmDir, "--strip-components=1"]);
  symlinkSync("../lib/node_modules/npm/bin/npm-cli.js", path.join(root, "usr/local/bin/npm"));
  symlinkSync("../lib/node_modules/npm/bin/npx-cli.js", path.join(root, "usr/local/bin/npx"));
  run("chroot", [root, "groupadd", "--gid", "1000", "node"]);
  run("chroot", [root, "useradd", "--uid", "1000", "--gid", "node", "--shell", "/bin/bash", "--create-home", "node"]);
  // What debootstrap downloaded: not part of an image.
  for (const cache of ["var/cache/apt/archives", "var/lib/apt/lists"])
    for (const name of readdirSync(path.join(root, cache)))
      if (name !== "partial" && name !== "lock") rmSync(path.join(root, cache, name), { recursive: true, force: true });
  await importRootfs(root);
  return "made";
}
