import { describe, expect, it } from "vitest";
import { checkBudgets, markdownTable, type BudgetInput, type ScenarioId, type Throughput } from "./budgets";

const rate = (requestsPerSecond: number): Throughput => ({ requestsPerSecond, p50Ms: 1, p99Ms: 2 });

function run(overrides: Partial<Record<ScenarioId, number>> = {}, rest: Partial<Omit<BudgetInput, "throughput">> = {}): BudgetInput {
  const rates = { static: 2000, dynamic: 400, "home-signed-out": 1900, "home-signed-in": 300, "greeting-signed-in": 360, "greeting-redirect": 1300, ...overrides };
  return {
    throughput: Object.fromEntries(Object.entries(rates).map(([id, value]) => [id, rate(value)])) as Record<ScenarioId, Throughput>,
    signIns: { concurrency: 10, completed: 50, errors: 0 },
    jsGzipBytes: { "/": 132 * 1024, "/greeting": 132 * 1024 },
    ...rest,
  };
}

const failed = (input: BudgetInput) => checkBudgets(input).filter((check) => !check.pass).map((check) => check.budget);

describe("checkBudgets", () => {
  it("passes a run that meets every budget", () => {
    expect(failed(run())).toEqual([]);
  });

  it("judges each page against its own reference, measured in the same run", () => {
    expect(failed(run({ "greeting-signed-in": 339 }))).toEqual(["/greeting signed in vs dynamic reference"]);
    expect(failed(run({ "home-signed-out": 1799 }))).toEqual(["/ signed out vs static reference"]);
    expect(failed(run({ "greeting-redirect": 1199 }))).toEqual(["/greeting signed out (redirect) vs static reference"]);
    expect(failed(run({ static: 4000, dynamic: 800, "home-signed-out": 3800, "greeting-signed-in": 720, "greeting-redirect": 2600 }))).toEqual([]);
  });

  it("holds the JavaScript of each page to 135 KiB gzip", () => {
    expect(failed(run({}, { jsGzipBytes: { "/": 135 * 1024, "/greeting": 135 * 1024 + 1 } }))).toEqual(["JavaScript on /greeting (first load, gzip)"]);
  });

  it("fails sign-ins with any error, too little concurrency, or nobody signed in", () => {
    const budget = "sign-ins at 10 concurrent round trips";
    expect(failed(run({}, { signIns: { concurrency: 10, completed: 50, errors: 1 } }))).toEqual([budget]);
    expect(failed(run({}, { signIns: { concurrency: 10, completed: 0, errors: 0 } }))).toEqual([budget]);
    expect(failed(run({}, { signIns: { concurrency: 2, completed: 50, errors: 0 } }))).toEqual(["sign-ins at 2 concurrent round trips"]);
  });
});

describe("markdownTable", () => {
  it("aligns the columns", () => {
    expect(markdownTable(["page", "req/s"], [["/", "1200"]])).toBe("| page | req/s |\n| ---- | ----- |\n| /    | 1200  |");
  });
});
