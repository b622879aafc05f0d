import { describe, expect, it } from "vitest";
import { metrics, timeQueries, watchPool } from "./metrics";

const count = async (labels: string) =>
  (await metrics().registry.metrics())
    .split("\n")
    .find((line) => line.startsWith(`nametag_db_query_duration_seconds_count{${labels}}`))
    ?.split(" ")[1];

describe("timeQueries", () => {
  it("times promise and callback queries alike, by outcome", async () => {
    const client = {
      query(text: string, ...rest: unknown[]): Promise<string> | undefined {
        const callback = rest.at(-1);
        if (typeof callback === "function") {
          (callback as (error: unknown, result?: string) => void)(text === "bad" ? new Error("no") : null, "rows");
          return undefined;
        }
        return text === "bad" ? Promise.reject(new Error("no")) : Promise.resolve("rows");
      },
    };
    timeQueries(client, "postgres");
    await expect(client.query("select 1")).resolves.toBe("rows");
    await expect(client.query("bad")).rejects.toThrow("no");
    const results: unknown[] = [];
    void client.query("select 1", [], (_error: unknown, rows: unknown) => results.push(rows));
    expect(results).toEqual(["rows"]);
    expect(await count('store="postgres",outcome="ok"')).toBe("2");
    expect(await count('store="postgres",outcome="error"')).toBe("1");
  });
});

describe("watchPool", () => {
  it("reports the pools' connections until each closes", async () => {
    const unwatch = watchPool({ totalCount: 3, idleCount: 1, waitingCount: 2 });
    let text = await metrics().registry.metrics();
    expect(text).toContain("nametag_db_pool_connections 3");
    expect(text).toContain("nametag_db_pool_idle_connections 1");
    expect(text).toContain("nametag_db_pool_waiting_requests 2");
    unwatch();
    text = await metrics().registry.metrics();
    expect(text).toContain("nametag_db_pool_connections 0");
  });
});
