import { describe, expect, it } from "vitest";
import { onShutdown, runShutdownHooks } from "./shutdown";

describe("runShutdownHooks", () => {
  it("runs every hook once, the last registered first, and survives one that fails or hangs", async () => {
    const ran: string[] = [];
    onShutdown("first", () => void ran.push("first"));
    onShutdown("hangs", () => new Promise<void>(() => ran.push("hangs")));
    onShutdown("fails", () => {
      ran.push("fails");
      throw new Error("pool already closed");
    });
    onShutdown("pool", async () => void ran.push("pool"));
    await runShutdownHooks(50);
    expect(ran).toEqual(["pool", "fails", "hangs", "first"]);
    await runShutdownHooks(50);
    expect(ran).toHaveLength(4);
  });
});
