import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fieldErrors } from "./api-error";

describe("ApiError", () => {
  it("groups a 400's field problems by field, skipping malformed entries", () => {
    const error = new ApiError({ status: 400, code: "invalid_request", message: "bad", details: [{ field: "name", message: "Required" }, { field: "name", message: "Too long" }, { field: "brokers.0", message: "host:port" }, { nope: 1 }, null] });
    expect(error.fieldProblems).toEqual({ name: ["Required", "Too long"], "brokers.0": ["host:port"] });
    expect(fieldErrors(error)).toEqual(error.fieldProblems);
    expect(error.problems).toEqual([]);
  });

  it("gives a 422's pipeline problems, and nothing of other statuses", () => {
    const problems = [{ code: "node.config", message: "Filter f: Expression is required", nodeId: "f", structural: false }];
    expect(new ApiError({ status: 422, code: "invalid_graph", message: "m", details: problems }).problems).toEqual(problems);
    expect(new ApiError({ status: 409, code: "conflict", message: "m", details: problems }).problems).toEqual([]);
    expect(new ApiError({ status: 409, code: "conflict", message: "m", details: problems }).fieldProblems).toEqual({});
  });

  it("turns anything thrown into one", () => {
    const existing = new ApiError({ status: 404, code: "not_found", message: "gone" });
    expect(ApiError.from(existing)).toBe(existing);
    expect(existing.isNotFound).toBe(true);
    expect(ApiError.from(new Error("boom"))).toMatchObject({ status: 0, code: "UNKNOWN", message: "boom" });
    expect(ApiError.from("text")).toMatchObject({ message: "text" });
    expect([errorMessage(new Error("x")), errorMessage(42), fieldErrors(new Error("x"))]).toEqual(["x", "Something went wrong", {}]);
  });
});
