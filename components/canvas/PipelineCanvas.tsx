"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type DefaultEdgeOptions,
  type EdgeTypes,
  type NodeTypes,
  type XYPosition,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { MousePointerClick, Network } from "lucide-react";
import { useRef, useState, type DragEvent } from "react";
import { nodeTypeNames, nodeTypes, type NodeTypeName } from "@/engine/graph";
import type { PipelineEditorState } from "@/components/editor/use-pipeline-editor";
import { Button } from "@/components/ui/Button";
import { gridSize, nodeCardSize, type PipelineFlowNode } from "./flow-types";
import { LiveLegend } from "./LiveLegend";
import { categoryStyles } from "./node-appearance";
import { paletteDragMimeType } from "./palette-drag";
import { PipelineEdge } from "./PipelineEdge";
import { PipelineNodeCard } from "./PipelineNodeCard";
import { useCanvasResize } from "./use-canvas-resize";

const flowNodeTypes: NodeTypes = Object.fromEntries(nodeTypeNames.map((type) => [type, PipelineNodeCard]));
const flowEdgeTypes: EdgeTypes = { pipeline: PipelineEdge };
// Saved edges carry no type; this one draws them all, with live rates when there are some.
const defaultEdgeOptions: DefaultEdgeOptions = { type: "pipeline" };

const fitViewOptions = { padding: 0.08, maxZoom: 1 };
const minimapStyle = { width: 168, height: 112 };

type PipelineCanvasProps = {
  editor: PipelineEditorState;
};

/**
 * The React Flow canvas: node cards, connections, drop target for the palette, grid
 * snapping, minimap and zoom controls. It renders the editor state and reports edits back;
 * live numbers and preview counts come from `CanvasRuntimeContext`.
 */
export function PipelineCanvas({ editor }: PipelineCanvasProps) {
  const { screenToFlowPosition } = useReactFlow();
  // Fitting an empty canvas would happen later, on the first node dropped, and yank the view
  // away from where the user works; a new pipeline keeps the default view instead.
  const [fitOnOpen] = useState(() => editor.nodes.length > 0);
  const container = useRef<HTMLDivElement>(null);
  const { short } = useCanvasResize(container);

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer.types.includes(paletteDragMimeType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(paletteDragMimeType);
    if (!isNodeTypeName(type)) return;
    event.preventDefault();
    const pointer = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    editor.addNode(type, centredAt(pointer));
  }

  return (
    <div ref={container} className="streamline-canvas relative min-h-0 flex-1" data-testid="canvas">
      <ReactFlow<PipelineFlowNode>
        nodes={editor.nodes}
        edges={editor.edges}
        nodeTypes={flowNodeTypes}
        edgeTypes={flowEdgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={editor.onNodesChange}
        onEdgesChange={editor.onEdgesChange}
        onConnect={editor.onConnect}
        isValidConnection={editor.isValidConnection}
        onBeforeDelete={editor.onBeforeDelete}
        onNodeDragStart={editor.onDragStart}
        onSelectionDragStart={editor.onDragStart}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={["Delete", "Backspace"]}
        snapToGrid
        snapGrid={[gridSize, gridSize]}
        fitView={fitOnOpen}
        fitViewOptions={fitViewOptions}
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
        <Panel position="top-right">
          <Button
            size="sm"
            icon={<Network />}
            onClick={editor.layOut}
            disabled={editor.nodes.length < 2}
            title="Arrange the nodes left to right, the way records flow"
            data-testid="auto-layout"
          >
            Auto layout
          </Button>
        </Panel>
      </ReactFlow>
      {editor.nodes.length === 0 && <EmptyCanvasHint />}
    </div>
  );
}

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
