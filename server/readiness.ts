/**
 * Readiness: can this instance serve sign-ins now? Each check is bounded and reports a short reason, never a secret.
 * A load balancer stops sending visitors to an instance that answers 503 (GET /api/health/ready).
 */
import "server-only";
import { store } from "@/db/client";
import { storeFailureReason } from "@/db/errors";
import { isLoopbackAddress } from "@/server/client-address";
import { env, demoMode } from "@/config/env";
import { bearerMatches } from "@/lib/secrets";
import { shuttingDown } from "@/server/shutdown";

interface CheckResult {
  ok: boolean;
  /** Short, for an operator: "reachable", "no answer within 2000 ms", ... */
  detail: string;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

const checkTimeoutMs = 2_000;

/** The local Google stand-in answers its discovery document (demo mode only: real Google is not ours to probe). */
async function standInCheck(): Promise<CheckResult> {
  const discovery = new URL("/.well-known/openid-configuration", env.AUTH_GOOGLE_ISSUER);
  try {
    const response = await fetch(discovery, { signal: AbortSignal.timeout(checkTimeoutMs), cache: "no-store" });
    return response.ok ? { ok: true, detail: "reachable" } : { ok: false, detail: `answered ${response.status}` };
  } catch (error) {
    return {
      ok: false,
      detail:
        error instanceof Error && error.name === "TimeoutError"
          ? `no answer within ${checkTimeoutMs} ms`
          : "unreachable",
    };
  }
}

/** The session store takes a write and has every migration the code expects (PostgreSQL: `npm run db:migrate` ran). */
async function sessionStoreCheck(): Promise<CheckResult> {
  const timeout = new Promise<CheckResult>((resolve) =>
    setTimeout(resolve, checkTimeoutMs, { ok: false, detail: `no answer within ${checkTimeoutMs} ms` }).unref(),
  );
  const check = (async (): Promise<CheckResult> => {
    try {
      const current = await store();
      const pending = await current.pendingMigrations();
      if (pending > 0)
        return { ok: false, detail: `${current.kind}: ${pending} migration(s) not applied (npm run db:migrate)` };
      const problem = await current.writeProblem();
      return problem ? { ok: false, detail: `${current.kind}: ${problem}` } : { ok: true, detail: current.kind };
    } catch (error) {
      // The driver's reason names the host and the failure, never a password or a query's parameters.
      return { ok: false, detail: `unreachable: ${storeFailureReason(error)}` };
    }
  })();
  return Promise.race([check, timeout]);
}

/** Every readiness check, by name. */
const checks: Record<string, () => Promise<CheckResult>> = {
  // After SIGTERM: tell the balancer at once, while in-flight requests finish.
  accepting: async () => (shuttingDown() ? { ok: false, detail: "shutting down" } : { ok: true, detail: "yes" }),
  ...(demoMode ? { standIn: standInCheck } : {}),
  sessionStore: sessionStoreCheck,
};

export async function readiness(): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await check()] as const),
  );
  return { ok: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}

/**
 * The checks say which store runs, whether it is a demo and what is not migrated: only for a caller on this host (by
 * the address the server resolved, never a header a client sets) or one sending `Authorization: Bearer HEALTH_TOKEN`.
 * Anyone else learns `ok` and the status code, all a balancer needs.
 */
export function mayReadChecks(
  caller: { address: string | null; authorization: string | null },
  token = env.HEALTH_TOKEN,
): boolean {
  if (isLoopbackAddress(caller.address)) return true;
  return bearerMatches(caller.authorization, token);
}
