"use client";

import type { ComponentProps } from "react";
import type { PipelineFlowEdge, PipelineFlowNode } from "@/components/graph/flow-types";
import { NodeInspector } from "./NodeInspector";
import { PipelineInspector } from "./PipelineInspector";
import { InspectorReadOnlyContext } from "./read-only-context";

type NodeInspectorProps = ComponentProps<typeof NodeInspector>;

/** What the inspector reads from the editor's state (`usePipelineEditor` provides all of it); typed here so the inspector does not import the editor that renders it. */
export type InspectedEditor = {
  nodes: readonly PipelineFlowNode[];
  edges: readonly PipelineFlowEdge[];
  document: NodeInspectorProps["document"];
  problems: NodeInspectorProps["problems"];
  updateNodeData: NodeInspectorProps["onChange"];
  removeNode: NodeInspectorProps["onRemove"];
  setNodesDisabled: (nodeIds: readonly string[], disabled: boolean) => unknown;
  description: ComponentProps<typeof PipelineInspector>["description"];
};

/**
 * The right-hand panel: the selected node's form, or the pipeline's overview when no
 * single node is selected. `nokey` keeps React Flow from treating keys typed here as canvas shortcuts.
 * `readOnly` (a viewer) shows the same forms with every control disabled and no delete button.
 */
export function Inspector({ editor, readOnly = false }: { editor: InspectedEditor; readOnly?: boolean }) {
  const selected = editor.nodes.filter((node) => node.selected);
  const node = selected.length === 1 ? selected[0] : undefined;
  return (
    <aside aria-label="Inspector" className="nokey flex w-[352px] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white">
      {node ? (
        <InspectorReadOnlyContext value={readOnly}>
          {/* A disabled fieldset disables every input, select and button inside it at once. */}
          <fieldset disabled={readOnly} className="contents" data-testid="inspector-fieldset">
            <NodeInspector node={node} document={editor.document} problems={editor.problems} onChange={editor.updateNodeData} onRemove={readOnly ? undefined : editor.removeNode} onEnable={readOnly ? undefined : (nodeId) => editor.setNodesDisabled([nodeId], false)} />
          </fieldset>
        </InspectorReadOnlyContext>
      ) : (
        <PipelineInspector
          description={editor.description}
          nodeCount={editor.nodes.length}
          edgeCount={editor.edges.length}
          problemCount={editor.problems.length}
          selectedCount={selected.length}
        />
      )}
    </aside>
  );
}
