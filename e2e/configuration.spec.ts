import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/free-port";
import { exited, spawnGroup } from "../scripts/process-group";
import { quietEnv, testSecret } from "../scripts/site-env";

/** `next start` run directly, as many hosts do, bypassing `npm start`: instrumentation.ts must stop it all the same. */
async function nextStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const next = spawnGroup(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(await freePort()), "-H", "127.0.0.1"],
    {
      ...process.env,
      ...quietEnv,
      AUTH_GOOGLE_ID: "id",
      AUTH_GOOGLE_SECRET: "secret",
      ...env,
    },
  );
  // A server that does start is a failure; still, never leave it running.
  const stop = setTimeout(() => void next.stop(0), 20_000);
  await exited(next.child);
  clearTimeout(stop);
  // null when it was stopped: it had started.
  return { code: next.child.exitCode, output: next.output() };
}

test("next start with a short AUTH_SECRET stops, naming it", async () => {
  const { code, output } = await nextStart({ AUTH_SECRET: "too-short" });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain("AUTH_SECRET");
});

test("next start with a loopback issuer and no AUTH_ALLOW_LOCAL_ISSUER stops, naming the issuer", async () => {
  const { code, output } = await nextStart({ AUTH_SECRET: testSecret, AUTH_GOOGLE_ISSUER: "http://127.0.0.1:3001" });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain("AUTH_GOOGLE_ISSUER");
});

test("next start in production with AUTH_TRUST_HOST=false and no AUTH_URL stops, naming both", async () => {
  const { code, output } = await nextStart({ AUTH_SECRET: testSecret, AUTH_TRUST_HOST: "false" });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain("AUTH_URL");
  expect(output).toContain("AUTH_TRUST_HOST=true");
});
