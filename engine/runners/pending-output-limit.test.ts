import { describe, expect, it } from "vitest";
import { pendingOutputLimit } from "./pending-output-limit";

describe("pendingOutputLimit", () => {
  it("is 8 MB unless ENGINE_MAX_PENDING_OUTPUT_MB says otherwise", () => {
    expect(pendingOutputLimit({})).toBe(8 * 1024 * 1024);
    expect(pendingOutputLimit({ ENGINE_MAX_PENDING_OUTPUT_MB: " " })).toBe(8 * 1024 * 1024);
    expect(pendingOutputLimit({ ENGINE_MAX_PENDING_OUTPUT_MB: "2" })).toBe(2 * 1024 * 1024);
  });

  it("refuses anything but a whole number of megabytes from 1 to 1024, naming the variable", () => {
    expect(() => pendingOutputLimit({ ENGINE_MAX_PENDING_OUTPUT_MB: "2MB" })).toThrow('ENGINE_MAX_PENDING_OUTPUT_MB must be a whole number of megabytes (for example 4), not "2MB"');
    expect(() => pendingOutputLimit({ ENGINE_MAX_PENDING_OUTPUT_MB: "0" })).toThrow("between 1 and 1024 (megabytes), not 0");
    expect(() => pendingOutputLimit({ ENGINE_MAX_PENDING_OUTPUT_MB: "4096" })).toThrow("not 4096");
  });
});
