export class StoreLockedError extends Error {
  override name = "StoreLockedError";
  constructor(dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another process. The embedded store (PGlite) serves one process only: ` +
        `stop the other one, give this one its own PGLITE_DIR, or set DATABASE_URL to share PostgreSQL between instances.`,
    );
  }
}
