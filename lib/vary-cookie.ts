import { ServerResponse } from "node:http";

/** Paths whose answer middleware picks by cookie (`/`: the static home page, or the personal one). */
const pathsChosenByCookie = new Set(["/"]);

const hasCookie = (vary: string) => vary.split(",").some((field) => field.trim().toLowerCase() === "cookie");

/**
 * Adds `Cookie` to the Vary header of the paths middleware serves by cookie, so a shared cache keeps one copy per
 * Cookie header. Next sets Vary itself as it renders an app page, replacing whatever middleware or next.config.ts
 * headers said, so the only place left is the header write itself.
 */
export function varyOnCookie(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original is called with the patched call's `this`.
  const setHeader = ServerResponse.prototype.setHeader;
  ServerResponse.prototype.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    const path = this.req?.url?.split("?")[0];
    if (name.toLowerCase() === "vary" && path !== undefined && pathsChosenByCookie.has(path)) {
      const vary = Array.isArray(value) ? value.join(", ") : String(value);
      return setHeader.call(this, name, hasCookie(vary) ? vary : `${vary}, Cookie`);
    }
    return setHeader.call(this, name, value);
  };
}
