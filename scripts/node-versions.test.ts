/**
 * Which Node the project runs on is written once, as the floors of package.json's `engines` (the newest patched
 * release of each supported line): .nvmrc, CI's installs and the container's base image follow them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const range = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;
const floors = Object.fromEntries(
  [...range.matchAll(/(?:\^|>=)((\d+)\.\d+\.\d+)/g)].map(([, version, major]) => [major!, version!]),
);

/** What .ci/run's own function reads from package.json for a line. */
const ciFloor = (major: string) =>
  spawnSync("bash", ["-c", `source <(sed -n '/^engine_floor()/p' .ci/run); engine_floor ${major}`], {
    encoding: "utf8",
  }).stdout.trim();

describe("Node versions", () => {
  it("supports the 22 and 24 lines, each from a patched release", () => {
    expect(Object.keys(floors).sort()).toEqual(["22", "24"]);
  });

  it("names the 24 floor in .nvmrc and builds the container on Node 24", () => {
    expect(readFileSync(".nvmrc", "utf8").trim()).toBe(floors["24"]);
    expect(readFileSync("Dockerfile", "utf8")).toMatch(/^FROM node:24-slim AS base$/m);
  });

  it("has CI install exactly those floors, from the registry's node-linux-<arch> package", () => {
    const ci = readFileSync(".ci/run", "utf8");
    expect(ci).toContain('package="node-linux-$(node_arch)"');
    for (const major of ["22", "24"]) expect(ciFloor(major), `line ${major}`).toBe(floors[major]);
  });

  it.runIf(process.env.CI)("runs, in CI, on the floor of its own line", () => {
    const major = process.versions.node.split(".")[0]!;
    expect(process.versions.node).toBe(floors[major]);
  });
});
