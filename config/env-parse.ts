import type { z } from "zod";

export class EnvError extends Error {
  override name = "EnvError";
}

/** `a, b,,c` → `["a", "b", "c"]`; unset → `[]`. */
export const commaList = (value: string | undefined): string[] =>
  value
    ?.split(",")
    .map((entry) => entry.trim())
    .filter(Boolean) ?? [];

/** Parses environment variables with `schema`; throws an EnvError naming each bad variable. */
export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  source: Record<string, string | undefined>,
): z.output<Schema> {
  // An empty variable (`AUTH_URL=`) means unset, as it does for Auth.js.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}
