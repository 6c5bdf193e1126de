"use client";

import { Background, BackgroundVariant, Controls, ReactFlow, type EdgeTypes, type NodeChange, type NodeTypes } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { memo, useMemo } from "react";
import type { PipelineDocument } from "@/engine/graph";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { gridSize } from "@/components/canvas/flow-types";
import { safeSummary } from "@/components/canvas/safe-summary";
import { LiveEdge, type LiveFlowEdge } from "./LiveEdge";
import { LiveNodeCard, type LiveFlowNode } from "./LiveNodeCard";
import { nodeHealth, type MonitoredNode } from "./monitored-graph";
import { latestRates } from "./windowed-rates";

const nodeTypes: NodeTypes = { live: LiveNodeCard };
const edgeTypes: EdgeTypes = { live: LiveEdge };
const fitViewOptions = { padding: 0.12, maxZoom: 1 };

type LiveGraphProps = {
  graph: PipelineDocument;
  nodes: readonly MonitoredNode[];
  history: readonly LivePoint[];
  /** Whether numbers are expected; without a deployment the cards show dashes and edges no rates. */
  live: boolean;
  selectedId: string | null;
  onSelect: (nodeId: string) => void;
};

/**
 * The deployed graph, read-only, with live numbers on the cards and rates on the
 * connections. Clicking a node (or Enter on a focused one) selects it; panning and
 * zooming work, editing does not, and the wheel scrolls the page rather than zooming.
 */
export const LiveGraph = memo(function LiveGraph({ graph, nodes, history, live, selectedId, onSelect }: LiveGraphProps) {
  const latest = live ? (history.at(-1) ?? null) : null;
  const monitored = useMemo(() => new Map(nodes.map((node) => [node.id, node])), [nodes]);
  const rates = useMemo(() => (live ? latestRates(history) : {}), [live, history]);

  const flowNodes: LiveFlowNode[] = graph.nodes.map((node) => {
    const described = monitored.get(node.id)!;
    return {
      id: node.id,
      type: "live",
      position: node.position,
      selected: node.id === selectedId,
      data: {
        node: described,
        summary: safeSummary(node.type, node.data),
        live: latest?.nodes[node.id] ?? null,
        rate: rates[node.id] ?? null,
        health: latest ? nodeHealth(history, described) : "idle",
      },
    };
  });
  const flowEdges: LiveFlowEdge[] = graph.edges.map((edge) => {
    const rate = rates[edge.source]?.out ?? null;
    return {
      id: edge.id,
      type: "live",
      source: edge.source,
      target: edge.target,
      targetHandle: edge.targetHandle ?? null,
      animated: rate !== null && rate > 0,
      data: { rate },
    };
  });

  function onNodesChange(changes: NodeChange<LiveFlowNode>[]) {
    for (const change of changes) if (change.type === "select" && change.selected) onSelect(change.id);
  }

  return (
    <div className="streamline-canvas relative h-full min-h-0" data-testid="live-graph">
      <ReactFlow<LiveFlowNode, LiveFlowEdge>
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        zoomOnScroll={false}
        preventScrolling={false}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
        maxZoom={1.5}
        attributionPosition="bottom-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={gridSize} size={1} />
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={fitViewOptions} />
      </ReactFlow>
    </div>
  );
});
