import { describe, expect, it } from "vitest";
import { safeSummary } from "./safe-summary";

describe("safeSummary", () => {
  it("summarises a configured node", () => {
    expect(safeSummary("filter", { condition: "amount > 100" })).toContain("amount > 100");
  });

  it("fills a half-filled form from the type's defaults instead of failing", () => {
    expect(typeof safeSummary("reduce", {})).toBe("string");
    expect(safeSummary("reduce", { aggregations: "not a list" })).toBe("Not configured");
  });

  it("names an unknown type as such", () => {
    expect(safeSummary("teleport", {})).toBe("Unknown node type");
  });
});
