/** Runs once when the server starts: a bad environment stops it here, with a message naming the variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    try {
      await import("@/lib/env");
    } catch (error) {
      console.error(`\n✗ ${(error as Error).message}\n`);
      process.exit(1);
    }
    (await import("@/lib/vary-cookie")).varyOnCookie();
  }
}
