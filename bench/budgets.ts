/** The performance budgets of issue 4, and how a benchmark run is judged against them. */

export type ScenarioId = "static" | "dynamic" | "home-signed-out" | "home-signed-in" | "greeting-signed-in" | "greeting-redirect";

export interface Throughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** next-server's CPU time per request: hardly moved by other work on the machine, unlike requests/s. */
  cpuMsPerRequest?: number;
}

export interface BudgetInput {
  throughput: Record<ScenarioId, Throughput>;
  signIns: { concurrency: number; completed: number; errors: number };
  /** First-load JavaScript, gzip bytes, by route. */
  jsGzipBytes: Record<"/" | "/greeting", number>;
}

export interface BudgetResult {
  budget: string;
  measured: string;
  target: string;
  pass: boolean;
}

export const budgets = {
  /** Authentication adds at most ~15% to Next's own dynamic rendering. */
  greetingVsDynamic: 0.85,
  /** The public home page is (nearly) as fast as a prerendered page. */
  homeSignedOutVsStatic: 0.9,
  /** Sending a signed-out visitor to sign-in costs little more than a static page. */
  redirectVsStatic: 0.6,
  /** A hello-world App Router page on this Next.js ships about 131 KiB. */
  jsGzipKiB: 135,
  signInConcurrency: 10,
} as const;

export const kib = (bytes: number) => bytes / 1024;

export function ratio(value: Throughput, reference: Throughput): number {
  return reference.requestsPerSecond > 0 ? value.requestsPerSecond / reference.requestsPerSecond : 0;
}

/** The same ratio from server CPU time per request (higher is better, like requests/s); undefined when unmeasured. */
export function cpuRatio(value: Throughput, reference: Throughput): number | undefined {
  if (!value.cpuMsPerRequest || !reference.cpuMsPerRequest) return undefined;
  return reference.cpuMsPerRequest / value.cpuMsPerRequest;
}

/** Judged on requests/s, as the issue states; the CPU ratio is shown beside it to tell noise from cost. */
function atLeast(budget: string, value: Throughput, reference: Throughput, target: number, referenceName: string): BudgetResult {
  const measured = ratio(value, reference);
  const byCpu = cpuRatio(value, reference);
  return {
    budget,
    measured: `${measured.toFixed(2)}× ${referenceName}${byCpu === undefined ? "" : ` (CPU: ${byCpu.toFixed(2)}×)`}`,
    target: `≥ ${target.toFixed(2)}×`,
    pass: measured >= target,
  };
}

export function checkBudgets({ throughput, signIns, jsGzipBytes }: BudgetInput): BudgetResult[] {
  return [
    atLeast("/greeting signed in vs dynamic reference", throughput["greeting-signed-in"], throughput.dynamic, budgets.greetingVsDynamic, "dynamic"),
    atLeast("/ signed out vs static reference", throughput["home-signed-out"], throughput.static, budgets.homeSignedOutVsStatic, "static"),
    atLeast("/greeting signed out (redirect) vs static reference", throughput["greeting-redirect"], throughput.static, budgets.redirectVsStatic, "static"),
    ...(["/", "/greeting"] as const).map((route) => ({
      budget: `JavaScript on ${route} (first load, gzip)`,
      measured: `${kib(jsGzipBytes[route]).toFixed(1)} KiB`,
      target: `≤ ${budgets.jsGzipKiB} KiB`,
      pass: kib(jsGzipBytes[route]) <= budgets.jsGzipKiB,
    })),
    {
      budget: `sign-ins at ${signIns.concurrency} concurrent round trips`,
      measured: `${signIns.errors} errors in ${signIns.completed + signIns.errors}`,
      target: "0 errors",
      // At least one must have completed: a run that signed nobody in proves nothing.
      pass: signIns.concurrency >= budgets.signInConcurrency && signIns.errors === 0 && signIns.completed > 0,
    },
  ];
}

/** A Markdown table with aligned columns: readable in a terminal, pasteable into the README. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
