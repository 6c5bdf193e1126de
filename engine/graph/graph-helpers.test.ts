import { describe, expect, it } from "vitest";
import { findCycle } from "./find-cycle";
import { findOperator as describeNodeType } from "../operators/registry";
import { formatMillis } from "../operators/shared/format-millis";
import { emptyDocument } from "./pipeline-document";
import { topologicalOrder } from "./topological-order";

const edge = (source: string, target: string) => ({ source, target });

describe("findCycle", () => {
  it("finds none in a DAG", () => {
    expect(findCycle(["a", "b", "c", "d"], [edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d")])).toBeNull();
  });

  it("returns the nodes along one loop, first not repeated", () => {
    expect(findCycle(["a", "b", "c"], [edge("a", "b"), edge("b", "c"), edge("c", "b")])).toEqual(["b", "c"]);
    expect(findCycle(["a"], [edge("a", "a")])).toEqual(["a"]);
  });

  it("ignores edges to unknown nodes and survives a long chain", () => {
    expect(findCycle(["a"], [edge("a", "ghost")])).toBeNull();
    const ids = Array.from({ length: 50_000 }, (_, index) => `n${index}`);
    const edges = ids.slice(1).map((id, index) => edge(ids[index]!, id));
    expect(findCycle(ids, edges)).toBeNull();
    expect(findCycle(ids, [...edges, edge(ids.at(-1)!, "n0")])).toHaveLength(50_000);
  });
});

describe("topologicalOrder", () => {
  it("puts every node after the nodes feeding it, keeping the input order otherwise", () => {
    expect(topologicalOrder(["d", "c", "b", "a"], [edge("a", "b"), edge("b", "c"), edge("a", "d")])).toEqual(["a", "b", "d", "c"]);
    expect(topologicalOrder(["x", "y"], [])).toEqual(["x", "y"]);
  });

  it("leaves out nodes on a cycle and ignores edges to unknown nodes", () => {
    expect(topologicalOrder(["a", "b", "c"], [edge("b", "c"), edge("c", "b"), edge("a", "ghost")])).toEqual(["a"]);
  });
});

describe("formatMillis and the other small helpers", () => {
  it("writes durations the way people do", () => {
    expect([500, 10_000, 90_000, 300_000, 7_200_000, 1_500].map(formatMillis)).toEqual(["500ms", "10s", "90s", "5m", "2h", "1500ms"]);
  });

  it("describes known node types only, and starts documents empty", () => {
    expect(describeNodeType("filter")?.label).toBeTruthy();
    expect(describeNodeType("no-such-type")).toBeUndefined();
    expect(describeNodeType("__proto__")).toBeUndefined();
    expect(describeNodeType("constructor")).toBeUndefined();
    expect(emptyDocument()).toEqual({ version: 1, nodes: [], edges: [] });
    expect(emptyDocument()).not.toBe(emptyDocument());
  });
});
