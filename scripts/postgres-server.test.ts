import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  asPostgresUser,
  connectionUrl,
  ensurePostgresBinaries,
  installCommands,
  parsePidFile,
  pickVersion,
  serverArgs,
  startPostgres,
} from "./postgres-server";

const run = promisify(execFile);

describe("postgres-server, pure parts", () => {
  it("prefers PostgreSQL 15, else the newest version present", () => {
    expect(pickVersion(["13", "15", "17"])).toBe("15");
    expect(pickVersion(["13", "17", "9", "README"])).toBe("17");
    expect(pickVersion([])).toBeUndefined();
  });

  it("runs the server as the postgres user only when we are root", () => {
    expect(asPostgresUser("/bin/postgres", ["-D", "d"], true)).toEqual([
      "runuser",
      ["-u", "postgres", "--", "/bin/postgres", "-D", "d"],
    ]);
    expect(asPostgresUser("/bin/postgres", ["-D", "d"], false)).toEqual(["/bin/postgres", ["-D", "d"]]);
  });

  it("listens on loopback TCP only, with its socket in its own folder", () => {
    const args = serverArgs("/tmp/x", 5433);
    expect(args).toEqual([
      "-D",
      "/tmp/x",
      "-p",
      "5433",
      "-k",
      "/tmp/x",
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
    ]);
    expect(connectionUrl(5433, "app")).toBe("postgres://postgres@127.0.0.1:5433/app");
  });

  it("reads the pid and readiness from the server's own pid file", () => {
    const pidFile = (status: string) =>
      ["4242", "/tmp/d", "1700000000", "5433", "/tmp/d", "127.0.0.1", "  5433001    123", status, ""].join("\n");
    expect(parsePidFile(pidFile("ready   "))).toEqual({ pid: 4242, ready: true });
    expect(parsePidFile(pidFile("starting"))).toEqual({ pid: 4242, ready: false });
    expect(parsePidFile("")).toEqual({ pid: undefined, ready: false });
  });

  it("installs as root, through sudo otherwise, and refuses when neither is possible", () => {
    expect(installCommands(true, false)).toEqual([
      ["apt-get", ["update"]],
      ["apt-get", ["install", "-y", "postgresql"]],
    ]);
    expect(installCommands(false, true)?.[1]).toEqual(["sudo", ["-n", "apt-get", "install", "-y", "postgresql"]]);
    expect(installCommands(false, false)).toBeUndefined();
  });
});

/** Connects to host:port and tells whether anything accepted. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });

describe("startPostgres", () => {
  it(
    "starts a real server on loopback only, answers SQL, and leaves nothing behind when stopped",
    { timeout: 120_000 },
    async () => {
      const bin = await ensurePostgresBinaries();
      const started = performance.now();
      const postgres = await startPostgres();
      console.log(`PostgreSQL started in ${(performance.now() - started).toFixed(0)} ms`);
      let dataDir = "";
      try {
        const url = new URL(postgres.url);
        expect(url.hostname).toBe("127.0.0.1");
        const psql = async (sql: string) => (await run(join(bin, "psql"), [postgres.url, "-XAtc", sql])).stdout.trim();
        expect(await psql("SELECT version()")).toMatch(/^PostgreSQL \d+/);
        expect(await psql("SELECT current_database()")).toBe("app");
        expect(await psql("SHOW listen_addresses")).toBe("127.0.0.1");
        dataDir = await psql("SHOW data_directory");
        expect(existsSync(dataDir)).toBe(true);

        const port = Number(url.port);
        expect(await accepts("127.0.0.1", port)).toBe(true);
        const outside = Object.values(networkInterfaces())
          .flat()
          .filter((address) => address && !address.internal);
        for (const address of [...outside.map((entry) => entry!.address), "::1"])
          expect(await accepts(address, port), address).toBe(false);
      } finally {
        await postgres.stop();
      }
      expect(existsSync(dataDir)).toBe(false);
      expect(await accepts("127.0.0.1", Number(new URL(postgres.url).port))).toBe(false);
    },
  );
});
