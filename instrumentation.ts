/**
 * Runs once when the server starts: a bad environment stops it here, with a message naming the variable; so does an
 * embedded store that another process holds. The embedded store is created and migrated now, not on the first visit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    try {
      const { env } = await import("@/lib/env");
      if (!env.DATABASE_URL) await (await import("@/db/client")).store();
    } catch (error) {
      console.error(`\n✗ ${(error as Error).message}\n`);
      process.exit(1);
    }
  }
}
