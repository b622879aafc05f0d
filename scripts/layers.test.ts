import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** What `npm run lint` says of a file with this text at this place in the repository (written there for the run). */
async function lintAt(place: string, text: string): Promise<string[]> {
  const filePath = place.replace("probe", `layer-probe-${randomUUID()}`);
  writeFileSync(filePath, text);
  try {
    const [result] = await new ESLint().lintFiles([filePath]);
    return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
  } finally {
    rmSync(filePath);
  }
}

// The first lint loads the TypeScript project for the type-aware rules: seconds, not milliseconds.
describe("the folders' import direction (eslint.config.mjs)", { timeout: 60_000 }, () => {
  it.each([
    ["lib/probe.ts", 'import { env } from "@/config/env";\nexport const probe = env;', "lib/ holds pure helpers"],
    ["lib/probe.ts", 'import { cookies } from "next/headers";\nexport const probe = cookies;', "lib/ is pure"],
    [
      "db/probe.ts",
      'import { getSession } from "@/server/session";\nexport const probe = getSession;',
      "db/ takes the request's facts as arguments",
    ],
    [
      "server/probe.ts",
      'import SignInPage from "@/app/(public)/signin/page";\nexport const probe = SignInPage;',
      "server/ serves the routes",
    ],
    [
      "components/probe.tsx",
      'import { database } from "@/db/client";\nexport const probe = database;',
      "Components render what pages hand them",
    ],
  ])("%s may not import that: %s", async (filePath, text, message) => {
    expect((await lintAt(filePath, text)).join("\n")).toContain(message);
  });

  it("lets each layer import the ones below it", async () => {
    expect(
      await lintAt(
        "server/probe.ts",
        'import "server-only";\nimport { database } from "@/db/client";\nimport { env } from "@/config/env";\nimport { signInPath } from "@/lib/redirects";\nexport const probe = [database, env, signInPath];',
      ),
    ).toEqual([]);
  });
});
