/**
 * Expired sessions are swept at every sign-in, and on this timer too, so a quiet site stays clean: every few minutes a
 * bounded number of batches (db/session-queries.ts), one instance at a time. A failure is one log line, never a crash.
 */
import "server-only";
import { logEvent } from "@/server/log";
import { sweepDeliveries } from "../db/google-reports";
import { sweepSecurityEvents } from "../db/security-events";
import { sweepExpiredSessions } from "../db/session-queries";

export const sweepIntervalMs = 5 * 60_000;
/** Batches of 100 per tick: up to 1,000 rows every five minutes. */
const batchesPerSweep = 10;
/** Cross-Account Protection token ids are remembered this long: Google does not redeliver older ones. */
export const deliveryMemoryMs = 30 * 24 * 60 * 60_000;

/** Starts the timer; the returned function stops it (shutdown) and waits for a sweep in progress. */
export function startSessionSweeper(): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    // One sweep at a time in this process, however slow the database is.
    running ??= sweepExpiredSessions(new Date(), batchesPerSweep)
      .then(() => sweepDeliveries(new Date(Date.now() - deliveryMemoryMs)))
      // The activity page's old entries and each person's beyond the cap go the same way.
      .then(() => sweepSecurityEvents(new Date(), batchesPerSweep))
      .then(
        () => undefined,
        (error: unknown) =>
          logEvent("error", "session_sweep_failed", {
            message: (error instanceof Error ? error.message : String(error)).split("\n")[0],
          }),
      )
      .finally(() => (running = undefined));
  }, sweepIntervalMs);
  // Never what keeps a process alive.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
