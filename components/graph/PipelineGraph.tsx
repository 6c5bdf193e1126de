"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type OnBeforeDelete,
  type OnConnect,
  type OnEdgesChange,
  type OnNodesChange,
  type XYPosition,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import clsx from "clsx";
import { MousePointerClick, Network } from "lucide-react";
import { memo, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { nodeTypeNames, nodeTypes, type NodeTypeName, type PipelineDocument } from "@/engine/graph";
import { Button } from "@/components/ui/Button";
import { gridSize, nodeCardSize, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";
import { GraphModeContext } from "./graph-mode";
import { LiveLegend } from "./LiveLegend";
import { MonitorNodeCard, type MonitorFlowNode } from "./MonitorNodeCard";
import type { MonitoredNode } from "./monitored-graph";
import { categoryStyles } from "./node-appearance";
import { paletteDragMimeType } from "./palette-drag";
import { PipelineEdge } from "./PipelineEdge";
import { PipelineNodeCard } from "./PipelineNodeCard";
import { safeSummary } from "./safe-summary";
import { useCanvasResize } from "./use-canvas-resize";

// Operator nodes are drawn by the editing card; the monitor's nodes by its compact card.
const flowNodeTypes: NodeTypes = { ...Object.fromEntries(nodeTypeNames.map((type) => [type, PipelineNodeCard])), monitor: MonitorNodeCard };
const flowEdgeTypes: EdgeTypes = { pipeline: PipelineEdge };
// Saved edges carry no type; this one draws them all, with live rates when there are some.
const defaultEdgeOptions: DefaultEdgeOptions = { type: "pipeline" };

const minimapStyle = { width: 168, height: 112 };

/** What the editing canvas reads from and reports to the editor's state (`usePipelineEditor` provides all of it). */
export type GraphEditing = {
  nodes: PipelineFlowNode[];
  edges: PipelineFlowEdge[];
  onNodesChange: OnNodesChange<PipelineFlowNode>;
  onEdgesChange: OnEdgesChange<PipelineFlowEdge>;
  onConnect: OnConnect;
  /** The graph rules of `engine/graph` (no cycles, one edge per input port), asked while a connection is dragged. */
  isValidConnection: (connection: Connection | PipelineFlowEdge) => boolean;
  onBeforeDelete: OnBeforeDelete<PipelineFlowNode, PipelineFlowEdge>;
  onDragStart: () => void;
  addNode: (type: NodeTypeName, position: XYPosition) => void;
  layOut: () => void;
};

export type PipelineGraphProps =
  | {
      mode: "edit";
      editor: GraphEditing;
      /** A viewer's canvas: nodes can be selected and inspected, not moved, connected, deleted or added. */
      readOnly?: boolean;
    }
  | {
      mode: "monitor";
      /** The deployed version's graph. */
      graph: PipelineDocument;
      /** Its nodes as the monitor lists them (title, chart colour), by id. */
      nodes: readonly MonitoredNode[];
      selectedId: string | null;
      onSelect: (nodeId: string) => void;
    };

/**
 * The one React Flow renderer of a pipeline graph, for the editor and the monitor. In `edit`
 * mode it is the editing canvas: node cards, connections, drop target for the palette, grid
 * snapping, minimap, zoom controls and auto layout, rendering the editor state and reporting
 * edits back. In `monitor` mode it is read-only: compact cards with their numbers, panning and
 * zooming but no editing, the wheel scrolling the page, and a click selecting a node. Live
 * numbers (and preview counts) come from `CanvasRuntimeContext` in both modes.
 */
export function PipelineGraph(props: PipelineGraphProps) {
  return <GraphModeContext value={props.mode}>{props.mode === "edit" ? <EditingGraph editor={props.editor} readOnly={props.readOnly ?? false} /> : <MonitorGraph {...props} />}</GraphModeContext>;
}

const deleteKeys = ["Delete", "Backspace"];
/** A viewer deletes nothing, whatever the keyboard says. */
const refuseDelete = async () => false;

// Pixel padding clears the panels over the canvas: the live legend and Auto layout at the top,
// zoom controls at the bottom, so a fitted view puts no node under them.
const editFitViewOptions = { padding: { top: "56px", right: "24px", bottom: "48px", left: "24px" }, maxZoom: 1 } as const;

function EditingGraph({ editor, readOnly }: { editor: GraphEditing; readOnly: boolean }) {
  const { screenToFlowPosition, fitView } = useReactFlow();
  // Auto layout moves every node; the view follows once React Flow has the new positions.
  const [layouts, setLayouts] = useState(0);
  useEffect(() => {
    if (layouts > 0) void fitView({ ...editFitViewOptions, duration: 200 });
  }, [layouts, fitView]);
  // Fitting an empty canvas would happen later, on the first node dropped, and yank the view
  // away from where the user works; a new pipeline keeps the default view instead.
  const [fitOnOpen] = useState(() => editor.nodes.length > 0);
  const container = useRef<HTMLDivElement>(null);
  const { short } = useCanvasResize(container);

  function onDragOver(event: DragEvent) {
    if (readOnly || !event.dataTransfer.types.includes(paletteDragMimeType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }

  function onDrop(event: DragEvent) {
    if (readOnly) return;
    const type = event.dataTransfer.getData(paletteDragMimeType);
    if (!isNodeTypeName(type)) return;
    event.preventDefault();
    const pointer = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    editor.addNode(type, centredAt(pointer));
  }

  return (
    <div ref={container} className={clsx("streamline-canvas relative min-h-0 flex-1", readOnly && "read-only")} data-testid="canvas" data-read-only={readOnly || undefined}>
      <ReactFlow<PipelineFlowNode, PipelineFlowEdge>
        nodes={editor.nodes}
        edges={editor.edges}
        nodeTypes={flowNodeTypes}
        edgeTypes={flowEdgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={editor.onNodesChange}
        onEdgesChange={editor.onEdgesChange}
        onConnect={readOnly ? undefined : editor.onConnect}
        isValidConnection={editor.isValidConnection}
        onBeforeDelete={readOnly ? refuseDelete : editor.onBeforeDelete}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        onNodeDragStart={editor.onDragStart}
        onSelectionDragStart={editor.onDragStart}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={readOnly ? null : deleteKeys}
        snapToGrid
        snapGrid={[gridSize, gridSize]}
        fitView={fitOnOpen}
        fitViewOptions={editFitViewOptions}
        minZoom={0.2}
        maxZoom={2}
        attributionPosition="bottom-center"
      >
        <Background variant={BackgroundVariant.Dots} gap={gridSize} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
        {editor.nodes.length > 0 && !short && (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            style={minimapStyle}
            ariaLabel="Minimap"
            nodeBorderRadius={4}
            nodeColor={(node) => categoryStyles[nodeTypes[node.type as NodeTypeName]?.category ?? "transform"].minimapColor}
          />
        )}
        <LiveLegend />
        {!readOnly && (
        <Panel position="top-right">
          <Button
            size="sm"
            icon={<Network />}
            onClick={() => {
              editor.layOut();
              setLayouts((count) => count + 1);
            }}
            disabled={editor.nodes.length < 2}
            title="Arrange the nodes left to right, the way records flow"
            data-testid="auto-layout"
          >
            Auto layout
          </Button>
        </Panel>
        )}
      </ReactFlow>
      {editor.nodes.length === 0 && <EmptyCanvasHint />}
    </div>
  );
}

const monitorFitViewOptions = { padding: 0.12, maxZoom: 1 };

const MonitorGraph = memo(function MonitorGraph({ graph, nodes, selectedId, onSelect }: Extract<PipelineGraphProps, { mode: "monitor" }>) {
  const monitored = useMemo(() => new Map(nodes.map((node) => [node.id, node])), [nodes]);
  const flowNodes = useMemo<MonitorFlowNode[]>(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: "monitor",
        position: node.position,
        selected: node.id === selectedId,
        data: { node: monitored.get(node.id)!, summary: safeSummary(node.type, node.data) },
      })),
    [graph, monitored, selectedId],
  );
  const flowEdges = useMemo<PipelineFlowEdge[]>(
    () => graph.edges.map((edge) => ({ id: edge.id, type: "pipeline", source: edge.source, target: edge.target, targetHandle: edge.targetHandle ?? null })),
    [graph],
  );

  function onNodesChange(changes: NodeChange<MonitorFlowNode>[]) {
    for (const change of changes) if (change.type === "select" && change.selected) onSelect(change.id);
  }

  return (
    <div className="streamline-canvas relative h-full min-h-0" data-testid="live-graph">
      <ReactFlow<MonitorFlowNode, PipelineFlowEdge>
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={flowNodeTypes}
        edgeTypes={flowEdgeTypes}
        onNodesChange={onNodesChange}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        zoomOnScroll={false}
        preventScrolling={false}
        fitView
        fitViewOptions={monitorFitViewOptions}
        minZoom={0.2}
        maxZoom={1.5}
        attributionPosition="bottom-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={gridSize} size={1} />
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={monitorFitViewOptions} />
      </ReactFlow>
    </div>
  );
});

function EmptyCanvasHint() {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center" data-testid="canvas-empty">
      <div className="flex max-w-xs flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white/80 px-6 py-5 text-center backdrop-blur-sm">
        <MousePointerClick className="mb-2 size-5 text-indigo-500" aria-hidden="true" />
        <p className="text-sm font-medium text-slate-800">Start with a Kafka source</p>
        <p className="mt-1 text-xs leading-5 text-slate-500">
          Drag operators from the palette, or click one to add it here. Connect an output (right) to an input (left).
        </p>
      </div>
    </div>
  );
}

function centredAt(point: XYPosition): XYPosition {
  return { x: point.x - nodeCardSize.width / 2, y: point.y - nodeCardSize.height / 2 };
}

function isNodeTypeName(value: string): value is NodeTypeName {
  return (nodeTypeNames as readonly string[]).includes(value);
}
