"use client";

import { applyEdgeChanges, applyNodeChanges, ReactFlowProvider, type EdgeChange, type NodeChange } from "@xyflow/react";
import { Eye, GitCompareArrows, X } from "lucide-react";
import { useMemo, useState } from "react";
import type { PipelineDocument } from "@/engine/graph";
import type { CanvasFlowNode, NoteFlowNode, PipelineFlowEdge, PipelineFlowNode } from "@/components/graph/flow-types";
import { documentToFlow } from "@/components/graph/flow-document";
import { PipelineGraph, type GraphEditing } from "@/components/graph/PipelineGraph";
import { NodeProblemsContext } from "@/components/graph/problems-context";
import { Button } from "@/components/ui/Button";
import { DiffChangesList } from "./DiffChangesList";
import { markVersionDiff, type VersionDiffView } from "./version-diff-marks";
import "./version-diff.css";

/** What the canvas shows instead of the draft: one saved version, or two laid over each other. */
export type VersionCanvasView =
  | { kind: "version"; version: number; graph: PipelineDocument }
  | { kind: "diff"; from: { version: number; graph: PipelineDocument }; to: { version: number; graph: PipelineDocument } };

const noProblems = new Map();
const ignore = () => {};
const refuse = async () => false;

/**
 * A saved version (or a diff of two) on a read-only canvas in place of the draft, with a
 * bar that says what is shown and leads back to the draft. A diff marks nodes and edges
 * added, removed and changed and lists each change field by field beside the graph.
 * It has its own React Flow store, so the draft's viewport and selection wait untouched.
 */
export function VersionCanvas({ view, onClose }: { view: VersionCanvasView; onClose: () => void }) {
  const diff = useMemo(() => (view.kind === "diff" ? markVersionDiff(view.from.graph, view.to.graph) : null), [view]);
  return (
    <div className="relative flex min-h-0 flex-1 flex-col" data-testid="version-canvas" data-kind={view.kind}>
      <div className="flex shrink-0 items-center gap-2 border-b border-indigo-200 bg-indigo-50 px-3 py-1.5 text-sm text-indigo-900" role="status">
        {view.kind === "version" ? <Eye className="size-4" aria-hidden="true" /> : <GitCompareArrows className="size-4" aria-hidden="true" />}
        <span className="font-medium" data-testid="version-canvas-title">
          {view.kind === "version" ? `Version ${view.version}, read-only` : `Changes from v${view.from.version} to v${view.to.version}`}
        </span>
        {diff && <DiffCounts diff={diff} />}
        <Button size="sm" icon={<X />} className="ml-auto" onClick={onClose} data-testid="close-version-canvas">
          Back to the draft
        </Button>
      </div>
      <div className="flex min-h-0 flex-1">
        <ReactFlowProvider>
          <NodeProblemsContext value={noProblems}>
            <ReadOnlyGraph key={view.kind === "version" ? `v${view.version}` : `v${view.from.version}-v${view.to.version}`} view={view} diff={diff} />
          </NodeProblemsContext>
        </ReactFlowProvider>
        {diff && <DiffChangesList diff={diff} />}
      </div>
    </div>
  );
}

function DiffCounts({ diff }: { diff: VersionDiffView }) {
  if (diff.sameGraph) return <span className="text-indigo-700">— the same graph (only positions may differ)</span>;
  const { added, removed, changed, edgesAdded, edgesRemoved } = diff.counts;
  return (
    <span className="flex items-center gap-2 text-xs" data-testid="diff-counts">
      <Count tone="bg-emerald-500" label={`${added} added`} />
      <Count tone="bg-red-500" label={`${removed} removed`} />
      <Count tone="bg-amber-500" label={`${changed} changed`} />
      <span className="text-indigo-700">
        · connections +{edgesAdded} −{edgesRemoved}
      </span>
    </span>
  );
}

function Count({ tone, label }: { tone: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span className={`size-2 rounded-full ${tone}`} aria-hidden="true" />
      {label}
    </span>
  );
}

function ReadOnlyGraph({ view, diff }: { view: VersionCanvasView; diff: VersionDiffView | null }) {
  const [nodes, setNodes] = useState<PipelineFlowNode[]>(() =>
    diff
      ? diff.nodes.map((node) => ({ id: node.id, type: node.type, position: node.position, data: node.data, ...(node.disabled ? { disabled: true } : {}), className: `version-diff-node version-diff-${node.mark}` }) as PipelineFlowNode)
      : (view.kind === "version" ? view.graph.nodes : []).map((node) => ({ id: node.id, type: node.type, position: node.position, data: node.data, ...(node.disabled ? { disabled: true } : {}) }) as PipelineFlowNode),
  );
  const [edges, setEdges] = useState<PipelineFlowEdge[]>(() =>
    (diff ? diff.edges : view.kind === "version" ? view.graph.edges.map((edge) => ({ ...edge, mark: "unchanged" as const })) : []).map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
      className: diff ? `version-diff-edge-${edge.mark}` : undefined,
      data: { mark: edge.mark },
    })),
  );
  // A version's sticky notes show as they were saved (a diff shows operators only).
  const [notes, setNotes] = useState<NoteFlowNode[]>(() => (view.kind === "version" && !diff ? documentToFlow(view.graph).notes : []));
  // Selection and measured sizes still flow through React Flow; nothing here can edit the graph.
  const editing: GraphEditing = {
    nodes,
    canvasNodes: [...notes, ...nodes],
    edges,
    onNodesChange: (changes: NodeChange<CanvasFlowNode>[]) => {
      const noteIds = new Set(notes.map((note) => note.id));
      const isNote = (change: NodeChange<CanvasFlowNode>) => ("id" in change ? noteIds.has(change.id) : change.item.type === "note");
      setNotes((current) => applyNodeChanges(changes.filter(isNote) as NodeChange<NoteFlowNode>[], current));
      setNodes((current) => applyNodeChanges(changes.filter((change) => !isNote(change)) as NodeChange<PipelineFlowNode>[], current));
    },
    onEdgesChange: (changes: EdgeChange<PipelineFlowEdge>[]) => setEdges((current) => applyEdgeChanges(changes, current)),
    onConnect: ignore,
    isValidConnection: () => false,
    onBeforeDelete: refuse,
    onDragStart: ignore,
    addNode: ignore,
    addConnectedNode: ignore,
    addNote: ignore,
    updateNote: ignore,
    removeNote: ignore,
    removeNode: ignore,
    setNodesDisabled: () => [],
    removeEdge: ignore,
    selectNode: ignore,
    selectedFragment: () => null,
    paste: ignore,
    deleteSelection: ignore,
    selectAll: ignore,
    layOut: ignore,
  };
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col">
      <PipelineGraph mode="edit" editor={editing} readOnly />
    </div>
  );
}
