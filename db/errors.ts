export class StoreLockedError extends Error {
  override name = "StoreLockedError";
  constructor(dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another process. The embedded store (PGlite) serves one process only: ` +
        `stop the other one, give this one its own PGLITE_DIR, or set DATABASE_URL to share PostgreSQL between instances.`,
    );
  }
}

interface DriverError {
  message?: string;
  code?: string;
  address?: string;
  port?: number;
  path?: string;
  cause?: unknown;
  errors?: unknown[];
}

const asDriverError = (error: unknown): DriverError =>
  typeof error === "object" && error !== null ? error : { message: String(error) };

/** The error the driver raised, under drizzle's "Failed query: …" wrapper (whose message carries the query's parameters). */
function rootCause(error: unknown): DriverError {
  let current = asDriverError(error);
  for (let depth = 0; current.cause !== undefined && depth < 5; depth++) current = asDriverError(current.cause);
  // Node tries every address of a name ("localhost": ::1, then 127.0.0.1) and reports them together.
  if (!current.code && Array.isArray(current.errors) && current.errors.length > 0)
    current = asDriverError(current.errors.at(-1));
  return current;
}

/** PostgreSQL's SQLSTATEs and Node's errno codes that an operator can act on, in words. */
const reasons: Record<string, (error: DriverError) => string> = {
  ECONNREFUSED: ({ address, port }) => `connection refused to ${address}:${port}`,
  ENOTFOUND: () => "the database host name does not resolve",
  ETIMEDOUT: ({ address, port }) => `no answer from ${address}:${port}`,
  EROFS: ({ path }) => `the embedded store's folder is read-only${path ? ` (${path})` : ""}`,
  ENOSPC: ({ path }) => `disk full where the embedded store lives${path ? ` (${path})` : ""}`,
  EACCES: ({ path }) => `this user may not write to the embedded store's folder${path ? ` (${path})` : ""}`,
  "57014": () => "a statement ran past DATABASE_TIMEOUT_MS and was cancelled",
  "25006": () => "the database is read-only (a standby, or default_transaction_read_only)",
  "53100": () => "the database server's disk is full",
  "57P01": () => "the database server is shutting down",
  "57P03": () => "the database server is starting up or shutting down",
};

/**
 * Why the store failed, in words an operator can act on ("connection refused to 127.0.0.1:5481"): the driver's own
 * reason, first line only, never drizzle's message with the query and its parameters (a token's hash, a Google sub).
 */
export function storeFailureReason(error: unknown): string {
  const cause = rootCause(error);
  const reason = cause.code ? reasons[cause.code] : undefined;
  if (reason) return reason(cause);
  const message = (cause.message ?? "unknown error").split("\n")[0]!;
  return message.startsWith("Failed query:") ? "a query failed" : message;
}
