import { z } from "zod";
import { parseWith } from "../lib/env-parse";

/** The database's variables: part of lib/env.ts, and read alone by tools that run without the site's secrets. */
export const databaseFields = {
  /** PostgreSQL for sessions and accounts; unset: the embedded store (PGlite) in PGLITE_DIR, for one process. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
};

export function parseDatabaseEnv(source: Record<string, string | undefined> = process.env) {
  return parseWith(z.object(databaseFields), source);
}
