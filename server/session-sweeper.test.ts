import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/db/session-queries", () => ({ sweepExpiredSessions: vi.fn() }));
vi.mock("@/db/security-events", () => ({ sweepSecurityEvents: vi.fn() }));
vi.mock("@/server/log", () => ({ logEvent: vi.fn() }));
vi.mock("@/db/google-reports", () => ({ sweepDeliveries: vi.fn() }));

const { sweepExpiredSessions } = await import("@/db/session-queries");
const { logEvent } = await import("@/server/log");
const { sweepDeliveries } = await import("@/db/google-reports");
const { startSessionSweeper, sweepIntervalMs } = await import("./session-sweeper");
const sweep = vi.mocked(sweepExpiredSessions);

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe("the session sweeper", () => {
  it("sweeps a bounded number of batches on every tick, logs a failure in one line and keeps going, and stops", async () => {
    vi.useFakeTimers();
    sweep.mockResolvedValue(0);
    const stop = startSessionSweeper();
    expect(sweep).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(sweepIntervalMs);
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(sweep.mock.calls[0]![1]).toBeGreaterThan(1);
    // Cross-Account Protection token ids older than 30 days go in the same sweep.
    const before = vi.mocked(sweepDeliveries).mock.calls[0]![0];
    expect(Date.now() - before.getTime()).toBe(30 * 24 * 60 * 60_000);
    sweep.mockRejectedValueOnce(new Error("connection refused\n    at Socket…"));
    await vi.advanceTimersByTimeAsync(sweepIntervalMs);
    expect(logEvent).toHaveBeenCalledExactlyOnceWith("error", "session_sweep_failed", {
      message: "connection refused",
    });
    await vi.advanceTimersByTimeAsync(sweepIntervalMs);
    expect(sweep).toHaveBeenCalledTimes(3);
    await stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * sweepIntervalMs);
    expect(sweep).toHaveBeenCalledTimes(3);
  });

  it("runs one sweep at a time, and stopping waits for the one in progress", async () => {
    vi.useFakeTimers();
    let finish = () => {};
    sweep.mockImplementation(() => new Promise((resolve) => (finish = () => resolve(0))));
    const stop = startSessionSweeper();
    await vi.advanceTimersByTimeAsync(3 * sweepIntervalMs);
    expect(sweep).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });

  it("never keeps the process alive by itself", async () => {
    const setInterval = vi.spyOn(globalThis, "setInterval");
    const stop = startSessionSweeper();
    expect((setInterval.mock.results[0]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    await stop();
  });
});
