import { type PreviewResult } from "@/lib/client/api/pipelines";
import type { NodePreviewView } from "@/components/graph/canvas-runtime";

/** A preview's result per node id, with each node's failed records, as the canvas badges show them. */
export function previewCanvasNodes(result: PreviewResult): Map<string, NodePreviewView> {
  const views = new Map<string, NodePreviewView>();
  for (const [id, node] of Object.entries(result.nodes)) {
    views.set(id, { recordsIn: node.recordsIn, recordsOut: node.recordsOut, failures: result.deadLetters.filter((letter) => letter.nodeId === id) });
  }
  return views;
}
