import { describe, expect, it } from "vitest";
import type { PreviewResult } from "@/lib/client/api/pipelines";
import { previewCanvasNodes } from "./preview-canvas-nodes";

describe("previewCanvasNodes", () => {
  it("gives each node its counts and its own failed records only", () => {
    const failure = (nodeId: string, offset: string) => ({ nodeId, code: "E", message: `bad at ${offset}`, origin: { topic: "t", partition: 0, offset } });
    const result: PreviewResult = {
      durationMs: 12,
      sources: [{ nodeId: "src", topic: "t", records: 3 }],
      nodes: {
        src: { recordsIn: 3, recordsOut: 3, errors: 0, in: [], out: [] },
        map: { recordsIn: 3, recordsOut: 1, errors: 2, in: [], out: [] },
      },
      deadLetters: [failure("map", "1"), failure("map", "2"), failure("gone", "3")],
    };
    const views = previewCanvasNodes(result);
    expect([...views.keys()]).toEqual(["src", "map"]);
    expect(views.get("src")).toEqual({ recordsIn: 3, recordsOut: 3, failures: [] });
    expect(views.get("map")!.failures.map((letter) => letter.message)).toEqual(["bad at 1", "bad at 2"]);
  });
});
