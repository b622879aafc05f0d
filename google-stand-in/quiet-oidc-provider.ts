/**
 * oidc-provider, minus two warnings meant for someone deploying it as a real identity provider: the stand-in keeps
 * its state in memory on purpose (it is a local demo), and "Unsupported runtime" is printed on Node 20 only.
 * site.ts prints one line of its own saying what the stand-in is.
 */
const intendedNotices =
  /^oidc-provider WARNING: (a quick start development-only in-memory adapter|Unsupported runtime)/;

/** Runs `action` with those two warnings dropped; every other line goes through. */
export async function withoutStandInNotices<T>(action: () => T | Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && intendedNotices.test(args[0])) return;
    warn(...args);
  };
  try {
    return await action();
  } finally {
    console.warn = warn;
  }
}

export const oidc = await withoutStandInNotices(() => import("oidc-provider"));
