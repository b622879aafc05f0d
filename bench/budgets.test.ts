import { describe, expect, it } from "vitest";
import {
  checkBudgets,
  markdownTable,
  median,
  ratio,
  type BudgetInput,
  type ScenarioId,
  type Throughput,
} from "./budgets";

const rate = (requestsPerSecond: number): Throughput => ({
  rounds: [{ requestsPerSecond, cpuMsPerRequest: 1000 / requestsPerSecond }],
  p50Ms: 1,
  p99Ms: 2,
});

function run(
  overrides: Partial<Record<ScenarioId, number>> = {},
  rest: Partial<Omit<BudgetInput, "throughput">> = {},
): BudgetInput {
  const rates = {
    static: 2000,
    dynamic: 400,
    "home-signed-out": 1900,
    "home-forged-cookie": 1200,
    "home-signed-in": 300,
    "greeting-signed-in": 360,
    "greeting-redirect": 1300,
    ...overrides,
  };
  return {
    store: "embedded",
    throughput: Object.fromEntries(Object.entries(rates).map(([id, value]) => [id, rate(value)])) as Record<
      ScenarioId,
      Throughput
    >,
    signIns: { concurrency: 10, completed: 50, errors: 0 },
    jsGzipBytes: { "/": 132 * 1024, "/greeting": 132 * 1024 },
    ...rest,
  };
}

const failed = (input: BudgetInput) =>
  checkBudgets(input)
    .filter((check) => !check.pass)
    .map((check) => check.budget);

describe("checkBudgets", () => {
  it("passes a run that meets every budget", () => {
    expect(failed(run())).toEqual([]);
  });

  it("judges each page against its own reference, measured in the same run", () => {
    expect(failed(run({ "greeting-signed-in": 279 }))).toEqual([
      "/greeting signed in vs dynamic reference (embedded store)",
    ]);
    expect(failed(run({ "greeting-signed-in": 280 }))).toEqual([]);
    expect(failed(run({ "home-signed-out": 1799 }))).toEqual(["/ signed out vs static reference"]);
    expect(failed(run({ "greeting-redirect": 1199 }))).toEqual(["/greeting signed out (redirect) vs static reference"]);
    expect(
      failed(
        run({
          static: 4000,
          dynamic: 800,
          "home-signed-out": 3800,
          "greeting-signed-in": 720,
          "greeting-redirect": 2600,
        }),
      ),
    ).toEqual([]);
  });

  it("allows Postgres a little more time for the session lookup than the embedded store (0.65× against 0.7×)", () => {
    expect(failed(run({ "greeting-signed-in": 260 }, { store: "postgres" }))).toEqual([]);
    expect(failed(run({ "greeting-signed-in": 259 }, { store: "postgres" }))).toEqual([
      "/greeting signed in vs dynamic reference (postgres store)",
    ]);
    expect(failed(run({ "greeting-signed-in": 260 }, { store: "embedded" }))).toEqual([
      "/greeting signed in vs dynamic reference (embedded store)",
    ]);
  });

  it("holds the JavaScript of each page to 135 KiB gzip", () => {
    expect(failed(run({}, { jsGzipBytes: { "/": 135 * 1024, "/greeting": 135 * 1024 + 1 } }))).toEqual([
      "JavaScript on /greeting (first load, gzip)",
    ]);
  });

  it("fails sign-ins with any error, too little concurrency, or nobody signed in", () => {
    const budget = "sign-ins at 10 concurrent round trips";
    expect(failed(run({}, { signIns: { concurrency: 10, completed: 50, errors: 1 } }))).toEqual([budget]);
    expect(failed(run({}, { signIns: { concurrency: 10, completed: 0, errors: 0 } }))).toEqual([budget]);
    expect(failed(run({}, { signIns: { concurrency: 2, completed: 50, errors: 0 } }))).toEqual([
      "sign-ins at 2 concurrent round trips",
    ]);
  });
});

describe("ratio", () => {
  const page = (...rounds: [number, number][]): Throughput => ({
    rounds: rounds.map(([requestsPerSecond, cpuMsPerRequest]) => ({ requestsPerSecond, cpuMsPerRequest })),
    p50Ms: 1,
    p99Ms: 1,
  });

  it("pairs each round with the reference's same round, and takes the median", () => {
    // Round 2 ran while the machine was busy: both pages slowed alike, and the ratio held.
    const reference = page([1000, 1], [400, 1], [1000, 1]);
    expect(ratio(page([900, 1], [360, 1], [950, 1]), reference)).toBeCloseTo(0.9);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it("compares CPU time per request the other way round: less CPU is faster", () => {
    expect(ratio(page([1, 2]), page([1, 1.5]), "cpu")).toBeCloseTo(0.75);
  });
});

describe("markdownTable", () => {
  it("aligns the columns", () => {
    expect(markdownTable(["page", "req/s"], [["/", "1200"]])).toBe(
      "| page | req/s |\n| ---- | ----- |\n| /    | 1200  |",
    );
  });
});
