/**
 * The production site on a throwaway PostgreSQL, for Playwright's `webServer.command`:
 *   `tsx e2e/postgres-site.ts -H 127.0.0.1` (the arguments go on to `next start`).
 * Starts PostgreSQL on loopback (scripts/postgres-server.ts), applies the migrations with `npm run db:migrate` as a
 * deployment does, then runs `tsx scripts/site.ts start` (what `npm start` runs) with DATABASE_URL set and the
 * caller's environment otherwise unchanged (PORT, GOOGLE_STAND_IN_PORT, AUTH_*). SIGINT/SIGTERM go on to the site;
 * PostgreSQL is stopped when the site exits, and its exit code is ours. If this process is killed outright (SIGKILL
 * to its group, as Playwright does), the site dies with the group and PostgreSQL's watcher removes the server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { startMigratedPostgres, type PostgresServer } from "../scripts/postgres-server";
import { exited } from "../scripts/process-group";

let postgres: PostgresServer | undefined;
let stopping = false;

async function main(): Promise<number> {
  let site: ChildProcess | undefined = undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stopping = true;
      // Before the site runs, the database is stopped once it is up (below); afterwards the site's exit stops it.
      site?.kill(signal);
    });

  const started = performance.now();
  postgres = await startMigratedPostgres();
  if (stopping) return 130;
  const environment = { ...process.env, DATABASE_URL: postgres.url };
  console.log(
    `› PostgreSQL on loopback, migrated, in ${((performance.now() - started) / 1000).toFixed(1)} s: ${postgres.url}`,
  );

  // In our process group: whoever kills the group (Playwright, a terminal) kills the site with it.
  site = spawn(process.execPath, ["--import", "tsx", "scripts/site.ts", "start", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: environment,
  });
  return exited(site);
}

// The chain ends the process itself: nothing is left to await it.
void main()
  .catch((error: unknown) => {
    console.error(`✗ ${(error as Error).message}`);
    return 1;
  })
  .then(async (code) => {
    await postgres?.stop();
    process.exit(code);
  });
