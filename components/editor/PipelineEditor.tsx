"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { CircleAlert, RefreshCw, X } from "lucide-react";
import { useCallback, useMemo, useRef, useState } from "react";
import type { NodeTypeName, PipelineProblem } from "@/engine/graph";
import type { PipelineDetail } from "@/lib/client/api-types";
import { nodeCardSize } from "@/components/canvas/flow-types";
import { Palette } from "@/components/canvas/Palette";
import { PipelineCanvas } from "@/components/canvas/PipelineCanvas";
import { NodeProblemsContext } from "@/components/canvas/problems-context";
import { Inspector } from "@/components/inspector/Inspector";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { EditorTopBar } from "./EditorTopBar";
import { ProblemsDrawer } from "./ProblemsDrawer";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { usePipelineEditor } from "./use-pipeline-editor";
import { useUnsavedChangesWarning } from "./use-unsaved-changes-warning";

/** The pipeline editor: palette, canvas, inspector, problems drawer and top bar around one loaded pipeline. */
export function PipelineEditor({ pipeline }: { pipeline: PipelineDetail }) {
  return (
    <ReactFlowProvider>
      <EditorWorkspace pipeline={pipeline} />
    </ReactFlowProvider>
  );
}

function EditorWorkspace({ pipeline }: { pipeline: PipelineDetail }) {
  const editor = usePipelineEditor(pipeline);
  const { screenToFlowPosition, setCenter, getZoom, getInternalNode } = useReactFlow();
  const canvasArea = useRef<HTMLDivElement>(null);
  const [problemsOpen, setProblemsOpen] = useState(false);

  useEditorShortcuts({ save: () => void editor.save(), undo: editor.undo, redo: editor.redo });
  useUnsavedChangesWarning(editor.dirty);

  const problemsByNode = useMemo(() => {
    const byNode = new Map<string, PipelineProblem[]>();
    for (const problem of editor.problems) {
      if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    }
    return byNode;
  }, [editor.problems]);

  const { addNode, nodes } = editor;
  /** Click-to-add: the middle of the visible canvas, nudged along the diagonal until it lands on free space. */
  const addAtCentre = useCallback(
    (type: NodeTypeName) => {
      const area = canvasArea.current?.getBoundingClientRect();
      if (!area) return;
      const centre = screenToFlowPosition({ x: area.left + area.width / 2, y: area.top + area.height / 2 });
      const position = { x: centre.x - nodeCardSize.width / 2, y: centre.y - nodeCardSize.height / 2 };
      while (nodes.some((node) => Math.abs(node.position.x - position.x) < 24 && Math.abs(node.position.y - position.y) < 24)) {
        position.x += 32;
        position.y += 32;
      }
      addNode(type, position);
    },
    [addNode, nodes, screenToFlowPosition],
  );

  const { selectNode, selectEdge, edges } = editor;
  /** Jumps to a problem: selects its node (which opens it in the inspector) and centres the view on it. */
  const showProblem = useCallback(
    (problem: PipelineProblem) => {
      const edge = problem.nodeId ? undefined : edges.find((candidate) => candidate.id === problem.edgeId);
      const nodeId = problem.nodeId ?? edge?.target;
      if (!nodeId) return;
      if (problem.nodeId) selectNode(problem.nodeId);
      else if (edge) selectEdge(edge.id);
      const node = getInternalNode(nodeId);
      if (!node) return;
      const width = node.measured.width ?? nodeCardSize.width;
      const height = node.measured.height ?? nodeCardSize.height;
      void setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
        zoom: Math.max(getZoom(), 0.75),
        duration: 300,
      });
    },
    [edges, getInternalNode, getZoom, selectEdge, selectNode, setCenter],
  );

  const errorMessage =
    editor.saveStatus.state === "error"
      ? `Could not save: ${editor.saveStatus.message}`
      : editor.renameStatus.state === "error"
        ? `Could not rename: ${editor.renameStatus.message}`
        : null;

  return (
    <NodeProblemsContext value={problemsByNode}>
      <div className="flex min-h-0 flex-1 flex-col" data-testid="pipeline-editor">
        <EditorTopBar editor={editor} problemsOpen={problemsOpen} onToggleProblems={() => setProblemsOpen((open) => !open)} />
        {errorMessage && (
          <div role="alert" data-testid="editor-error" className="flex shrink-0 items-center gap-2 border-b border-red-200 bg-red-50 py-1.5 pr-2 pl-4 text-sm text-red-800">
            <CircleAlert className="size-4 shrink-0 text-red-600" aria-hidden="true" />
            <span className="min-w-0 flex-1">{errorMessage}</span>
            {editor.saveStatus.state === "error" && editor.saveStatus.conflict && (
              <Button size="sm" icon={<RefreshCw />} onClick={() => window.location.reload()}>
                Reload latest version
              </Button>
            )}
            <IconButton label="Dismiss" icon={<X />} onClick={editor.dismissErrors} />
          </div>
        )}
        <div className="flex min-h-0 flex-1">
          <Palette onAdd={addAtCentre} />
          <div className="flex min-w-0 flex-1 flex-col">
            <div ref={canvasArea} className="flex min-h-0 flex-1 flex-col">
              <PipelineCanvas editor={editor} />
            </div>
            {problemsOpen && <ProblemsDrawer problems={editor.problems} onSelect={showProblem} onClose={() => setProblemsOpen(false)} />}
          </div>
          <Inspector editor={editor} />
        </div>
      </div>
    </NodeProblemsContext>
  );
}
