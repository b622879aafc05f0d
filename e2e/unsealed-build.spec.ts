import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { quietEnv, testSecret } from "../scripts/site-env";
import { standaloneImage } from "./servers";

/**
 * A host that runs `next build` itself gets no seal step: its server must refuse to start, naming the fix, rather than
 * serve `/` with a policy that lets none of its scripts run. The build here is ours with the seal taken out again.
 */
test("a build made by `next build` alone refuses to start, naming the fix", async () => {
  const image = standaloneImage();
  try {
    const manifest = path.join(image.dir, ".next", "routes-manifest.json");
    const sealed = readFileSync(manifest, "utf8");
    const unsealed = sealed.replace(
      /'strict-dynamic'(?: 'sha(?:256|384)-[^']+')+/g,
      "'strict-dynamic' 'prerendered-script-hashes'",
    );
    expect(unsealed).not.toBe(sealed);
    writeFileSync(manifest, unsealed);
    const child = spawn(process.execPath, [path.join(image.dir, "server.js")], {
      // Port 0: the server would take any free port, were it to start at all.
      env: {
        ...process.env,
        ...quietEnv,
        AUTH_SECRET: testSecret,
        AUTH_URL: "http://localhost:3000",
        AUTH_GOOGLE_ID: "id",
        AUTH_GOOGLE_SECRET: "secret",
        HOSTNAME: "127.0.0.1",
        PORT: "0",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const kill = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(kill);
    expect(code, output).toBe(1);
    expect(output).toContain("This build is not sealed");
    expect(output).toContain("npm run build");
  } finally {
    image.remove();
  }
});
