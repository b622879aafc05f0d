/**
 * What `docker build .` sends to the builder, read with Docker's own matching rules (@balena/dockerignore): a
 * developer's embedded store (names, emails, session hashes), secrets and local installs must never be in it, or in
 * the `migrate` image that keeps the build's sources.
 */
import { readFileSync } from "node:fs";
import dockerignore from "@balena/dockerignore";
import { describe, expect, it } from "vitest";

const context = dockerignore({ ignorecase: false }).add(readFileSync(".dockerignore", "utf8"));
const leftOut = (file: string) => context.ignores(file);

describe(".dockerignore", () => {
  it("leaves out the embedded store, wherever PGLITE_DIR put it under the project", () => {
    for (const file of [
      ".data/pglite/PG_VERSION",
      ".data/pglite.lock",
      ".data/e2e-3200/base/1/1259",
      "db/.data/pglite/PG_VERSION",
    ])
      expect(leftOut(file), file).toBe(true);
  });

  it("leaves out secrets: env files, keys and certificates, service account keys", () => {
    for (const file of [
      ".env",
      ".env.local",
      ".env.production",
      ".env.production.local",
      "certs/site.key",
      "privkey.pem",
      "tls.p12",
      "service-account.json",
      "google-credentials.json",
    ])
      expect(leftOut(file), file).toBe(true);
  });

  it("leaves out everything git ignores (local data, builds, installs, test output)", () => {
    const patterns = readFileSync(".gitignore", "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"));
    // One file each pattern stands for: `*` filled in, a folder pattern with a file inside.
    for (const pattern of patterns) {
      const file = pattern.replaceAll("*", "x").replace(/\/$/, "/file");
      expect(leftOut(file), `${file} (from .gitignore's ${pattern})`).toBe(true);
    }
  });

  it("keeps what the build reads, and the examples of the environment files", () => {
    for (const file of [
      "package.json",
      "package-lock.json",
      "app/layout.tsx",
      "db/migrations/0000_init.sql",
      "public/social-preview.png",
      ".env.local.example",
      ".env.production.example",
    ])
      expect(leftOut(file), file).toBe(false);
  });
});
