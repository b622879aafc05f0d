import { describe, expect, it } from "vitest";
import { routeTable } from "./route-pattern";

const table = routeTable([
  { page: "/", regex: "^/(?:/)?$" },
  { page: "/greeting", regex: "^/greeting(?:/)?$" },
  { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
]);

describe("routeTable", () => {
  it("names the route, never the path", () => {
    expect(table.match("/")).toBe("/");
    expect(table.match("/greeting")).toBe("/greeting");
    expect(table.match("/greeting/")).toBe("/greeting");
    expect(table.match("/api/auth/callback/google")).toBe("/api/auth/[...nextauth]");
  });

  it("folds the build's files and anything unknown into one series each", () => {
    expect(table.match("/_next/static/chunks/abc123.js")).toBe("/_next/static");
    expect(table.match("/ada@example.com")).toBe("(unmatched)");
    expect(table.match("/wp-login.php")).toBe("(unmatched)");
  });
});
