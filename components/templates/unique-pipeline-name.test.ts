import { describe, expect, it } from "vitest";
import { uniquePipelineName } from "./unique-pipeline-name";

describe("uniquePipelineName", () => {
  it("keeps the title when it is free", () => {
    expect(uniquePipelineName("Word count", ["Orders"])).toBe("Word count");
  });

  it("appends the first free number when the title is taken, ignoring case", () => {
    expect(uniquePipelineName("Word count", ["word count", "Word count 2", "Other"])).toBe("Word count 3");
  });
});
