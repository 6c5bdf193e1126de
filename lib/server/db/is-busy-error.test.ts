import { describe, expect, it } from "vitest";
import { isBusyError } from "./is-busy-error";

describe("isBusyError", () => {
  it("recognises the database being too busy to answer in time", () => {
    expect(isBusyError(Object.assign(new Error("Operation has timed out"), { code: "P1008" }))).toBe(true);
    expect(isBusyError(Object.assign(new Error("Timed out fetching a new connection from the connection pool"), { code: "P2024" }))).toBe(true);
    expect(isBusyError(new Error("SQLITE_BUSY: database is locked"))).toBe(true);
    // node-postgres's pool, seen as "[api] unexpected error" (a 500) under 50 clients on PostgreSQL.
    expect(isBusyError(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isBusyError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isBusyError(new Error("relation \"Pipeline\" does not exist"))).toBe(false);
    expect(isBusyError("busy")).toBe(false);
  });
});
