import { describe, expect, it } from "vitest";
import { unassignedTopics } from "./group-assignment";

describe("unassignedTopics", () => {
  it("names the subscribed topics a leading member got no partition of", () => {
    expect(unassignedTopics(["a", "b", "c"], { isLeader: true, memberAssignment: { a: [0, 1], b: [] } })).toEqual(["b", "c"]);
  });

  it("is empty when every subscribed topic has a partition, or when the member did not lead", () => {
    expect(unassignedTopics(["a", "b"], { isLeader: true, memberAssignment: { a: [0], b: [2] } })).toEqual([]);
    expect(unassignedTopics(["a"], { isLeader: false, memberAssignment: {} })).toEqual([]);
  });
});
