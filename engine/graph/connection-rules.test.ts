import { describe, expect, it } from "vitest";
import { connectionRefusal, reaches } from "./connection-rules";
import { validatePipeline } from "./validate-pipeline";
import { wordCountTemplate } from "./templates/word-count";

const chain = [
  { source: "a", target: "b" },
  { source: "b", target: "c" },
];

describe("connectionRefusal", () => {
  it("accepts an edge into a free input that closes no loop", () => {
    expect(connectionRefusal(chain, { source: "c", target: "d" })).toBeNull();
    expect(connectionRefusal([{ source: "a", target: "j", targetHandle: "left" }], { source: "b", target: "j", targetHandle: "right" })).toBeNull();
  });

  it("refuses a node connected to itself", () => {
    expect(connectionRefusal([], { source: "a", target: "a" })).toBe("self-loop");
  });

  it("refuses a second edge into the same input port", () => {
    expect(connectionRefusal(chain, { source: "x", target: "b" })).toBe("input-taken");
    expect(connectionRefusal([{ source: "a", target: "j", targetHandle: "left" }], { source: "b", target: "j", targetHandle: "left" })).toBe("input-taken");
    // No handle and a null handle are the same single input.
    expect(connectionRefusal([{ source: "a", target: "b", targetHandle: null }], { source: "x", target: "b" })).toBe("input-taken");
  });

  it("refuses an edge that closes a loop, however long", () => {
    expect(connectionRefusal(chain, { source: "c", target: "a" })).toBe("cycle");
  });

  it("refuses what validatePipeline would report on the whole document", () => {
    const graph = wordCountTemplate();
    const secondInput = { id: "second", source: "lines", target: "count", targetHandle: null };
    const loop = { id: "loop", source: "count", target: "words", targetHandle: null };
    const codes = (edge: typeof loop) => validatePipeline({ ...graph, edges: [...graph.edges, edge] }).problems.map((problem) => problem.code);
    expect(connectionRefusal(graph.edges, secondInput)).toBe("input-taken");
    expect(codes(secondInput)).toContain("node.too-many-inputs");
    expect(connectionRefusal(graph.edges, loop)).toBe("input-taken");
    expect(connectionRefusal(graph.edges.filter((edge) => edge.target !== "words"), loop)).toBe("cycle");
    expect(codes(loop)).toContain("graph.cycle");
    expect(connectionRefusal(graph.edges, { source: "count", target: "lines" })).toBe("cycle");
    expect(connectionRefusal(graph.edges, { source: "count", target: "second-sink" })).toBeNull();
  });
});

describe("reaches", () => {
  it("follows edges forwards only", () => {
    expect(reaches(chain, "a", "c")).toBe(true);
    expect(reaches(chain, "c", "a")).toBe(false);
    expect(reaches(chain, "b", "b")).toBe(true);
    expect(reaches([...chain, { source: "c", target: "a" }], "b", "a")).toBe(true);
  });
});
