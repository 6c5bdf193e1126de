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
  type FinalConnectionState,
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
import { memo, useCallback, useContext, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { connectionRefusal, disableRule, nodeTypeNames, nodeTypes, portsOf, type NodeTypeName, type NoteColor, type PipelineDocument } from "@/engine/graph";
import { Button } from "@/components/ui/Button";
import { CanvasContextMenu, type CanvasMenuActions } from "./CanvasContextMenu";
import { CanvasNotice } from "./CanvasNotice";
import { DisabledNodesContext } from "./disabled-nodes-context";
import type { ClipboardFragment } from "./clipboard-fragment";
import { KeyboardHelp } from "./KeyboardHelp";
import { NodePicker } from "./NodePicker";
import { NoteEditingContext } from "./note-editing";
import { StickyNote } from "./StickyNote";
import { useCanvasClipboard } from "./use-canvas-clipboard";
import { CanvasRuntimeContext } from "./canvas-runtime";
import { openingViewport } from "./opening-viewport";
import { gridSize, isNoteNode, nodeCardSize, type CanvasFlowNode, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";
import { GraphModeContext } from "./graph-mode";
import { LiveLegend } from "./LiveLegend";
import { MonitorNodeCard, type MonitorFlowNode } from "./MonitorNodeCard";
import type { MonitoredNode } from "./monitored-graph";
import { categoryStyles } from "./node-appearance";
import { notePaletteType, paletteDragMimeType } from "./palette-drag";
import { PipelineEdge } from "./PipelineEdge";
import { PipelineNodeCard } from "./PipelineNodeCard";
import { safeSummary } from "./safe-summary";
import { useCanvasResize } from "./use-canvas-resize";

// Operator nodes are drawn by the editing card; the monitor's nodes by its compact card.
const flowNodeTypes: NodeTypes = { ...Object.fromEntries(nodeTypeNames.map((type) => [type, PipelineNodeCard])), monitor: MonitorNodeCard, note: StickyNote };
const flowEdgeTypes: EdgeTypes = { pipeline: PipelineEdge };
// Saved edges carry no type; this one draws them all, with live rates when there are some.
const defaultEdgeOptions: DefaultEdgeOptions = { type: "pipeline" };

const minimapStyle = { width: 168, height: 112 };

/** What the editing canvas reads from and reports to the editor's state (`usePipelineEditor` provides all of it). */
export type GraphEditing = {
  /** The operators. */
  nodes: PipelineFlowNode[];
  /** Operators and sticky notes, as React Flow draws them. */
  canvasNodes: CanvasFlowNode[];
  edges: PipelineFlowEdge[];
  onNodesChange: OnNodesChange<CanvasFlowNode>;
  onEdgesChange: OnEdgesChange<PipelineFlowEdge>;
  onConnect: OnConnect;
  /** The graph rules of `engine/graph` (no cycles, one edge per input port), asked while a connection is dragged. */
  isValidConnection: (connection: Connection | PipelineFlowEdge) => boolean;
  onBeforeDelete: OnBeforeDelete<PipelineFlowNode, PipelineFlowEdge>;
  onDragStart: () => void;
  addNode: (type: NodeTypeName, position: XYPosition) => void;
  addConnectedNode: (type: NodeTypeName, position: XYPosition, link: { from: { nodeId: string; handle: string | null } } | { splice: string }) => void;
  addNote: (position: XYPosition) => void;
  updateNote: (noteId: string, patch: { text?: string; color?: NoteColor }) => void;
  removeNote: (noteId: string) => void;
  removeNode: (nodeId: string) => void;
  /** Disables (true) or enables (false) nodes as one undo step; returns the ids that changed. */
  setNodesDisabled: (nodeIds: readonly string[], disabled: boolean) => string[];
  removeEdge: (edgeId: string) => void;
  selectNode: (nodeId: string) => void;
  selectedFragment: () => ClipboardFragment | null;
  paste: (fragment: ClipboardFragment, at: XYPosition) => void;
  deleteSelection: () => void;
  selectAll: () => void;
  layOut: () => void;
};

/** What the editing canvas asks of the editor around it. */
export type GraphHost = {
  /** Opens a node's records in the drawer (and selects it). */
  showRecords: (nodeId: string) => void;
};

export type PipelineGraphProps =
  | {
      mode: "edit";
      editor: GraphEditing;
      host?: GraphHost;
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
  return <GraphModeContext value={props.mode}>{props.mode === "edit" ? <EditingGraph editor={props.editor} host={props.host} readOnly={props.readOnly ?? false} /> : <MonitorGraph {...props} />}</GraphModeContext>;
}

const deleteKeys = ["Delete", "Backspace"];
/** A viewer deletes nothing, whatever the keyboard says. */
const refuseDelete = async () => false;

// Pixel padding clears the panels over the canvas: the live legend and Auto layout at the top,
// zoom controls and the minimap at the bottom, so a fitted view puts no node under them.
// Text stays readable: never above 1, and not below 0.8 while the graph fits at 0.8 (below
// that the whole graph matters more than the size of its text).
const editPadding = { top: 56, right: 24, bottom: 136, left: 24 };
const editFitViewOptions = {
  padding: { top: `${editPadding.top}px`, right: `${editPadding.right}px`, bottom: `${editPadding.bottom}px`, left: `${editPadding.left}px` },
  maxZoom: 1,
} as const;

/** Where the node picker is open, and what the picked node is for. */
type PickerState = {
  /** Top-left of the picker inside the canvas element, in pixels. */
  at: { x: number; y: number };
  /** Where the new node goes, in flow coordinates (its top-left corner). */
  position: XYPosition;
  purpose: { kind: "add" } | { kind: "from"; nodeId: string; handle: string | null } | { kind: "splice"; edgeId: string };
};

const pickerTitles: Record<PickerState["purpose"]["kind"], string> = {
  add: "Add a node",
  from: "Add a node after this one",
  splice: "Insert a node into this connection",
};

function EditingGraph({ editor, host, readOnly }: { editor: GraphEditing; host?: GraphHost; readOnly: boolean }) {
  const { screenToFlowPosition, fitView, setViewport } = useReactFlow();
  const { liveVersion } = useContext(CanvasRuntimeContext);
  // Auto layout moves every node; the view follows once React Flow has the new positions.
  const [layouts, setLayouts] = useState(0);
  useEffect(() => {
    if (layouts > 0) void fitView({ ...editFitViewOptions, duration: 200 }).then(() => (fitted.current = true));
  }, [layouts, fitView]);
  // Fitting an empty canvas would happen later, on the first node dropped, and yank the view
  // away from where the user works; a new pipeline keeps the default view instead.
  const [fitOnOpen] = useState(() => editor.nodes.length > 0);
  const container = useRef<HTMLDivElement>(null);
  // Whether the view is as fitting left it (the user has not panned or zoomed since): then a
  // drawer opening refits it instead of sliding nodes under the overlays.
  const fitted = useRef(fitOnOpen);
  /** Puts the graph in view as a pipeline opens (see openingViewport); false when there is nothing to show. */
  const openView = () => {
    const box = container.current?.getBoundingClientRect();
    if (!box || editor.canvasNodes.length === 0) return false;
    void setViewport(openingViewport(canvasBounds(editor.canvasNodes), box, editPadding));
    return true;
  };
  const { short } = useCanvasResize(container, () => fitted.current && openView());
  const [notice, setNotice] = useState<string | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const [picker, setPicker] = useState<PickerState | null>(null);
  const closePicker = useCallback(() => setPicker(null), []);
  const [help, setHelp] = useState(false);
  const closeHelp = useCallback(() => setHelp(false), []);

  // The pointer over the canvas, in client coordinates: where a paste lands.
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const viewCentre = useCallback(() => {
    const box = container.current?.getBoundingClientRect();
    return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 0, y: 0 };
  }, []);
  const pastePoint = useCallback(() => screenToFlowPosition(pointer.current ?? viewCentre()), [screenToFlowPosition, viewCentre]);
  const clipboard = useCanvasClipboard({ editor, container, pastePoint, notify: setNotice, readOnly });

  /**
   * Disables the given nodes, or enables them when every one that can be disabled already is
   * (n8n's `D`). Nodes that cannot be disabled are left as they are, and the notice says why.
   */
  const toggleDisabled = useCallback(
    (nodeIds: readonly string[]) => {
      const chosen = editor.nodes.filter((node) => nodeIds.includes(node.id));
      const refused = chosen.map((node) => disableRule(node.type)).find((rule) => !rule.allowed);
      const allowed = chosen.filter((node) => disableRule(node.type).allowed);
      if (allowed.length > 0) editor.setNodesDisabled(allowed.map((node) => node.id), !allowed.every((node) => node.disabled));
      if (refused && !refused.allowed) setNotice(`${refused.reason}.`);
    },
    [editor],
  );
  const latestToggle = useRef(toggleDisabled);
  useEffect(() => {
    latestToggle.current = toggleDisabled;
  });
  const selectedIds = useRef<string[]>([]);
  useEffect(() => {
    selectedIds.current = editor.nodes.filter((node) => node.selected).map((node) => node.id);
  });

  // `?` opens the list of shortcuts from anywhere but a text field; `D` disables or enables the selected nodes.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== "?" && !(event.key.toLowerCase() === "d" && !readOnly)) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (event.key === "?") {
        event.preventDefault();
        setHelp(true);
        return;
      }
      if (selectedIds.current.length === 0) return;
      event.preventDefault();
      latestToggle.current(selectedIds.current);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [readOnly]);

  // Keyed by content so cards re-render only when a node is disabled or enabled.
  const disabledKey = editor.nodes.filter((node) => node.disabled).map((node) => node.id).join("\u0000");
  const disabledIds = useMemo(() => new Set(disabledKey ? disabledKey.split("\u0000") : []), [disabledKey]);

  /** Opens the node picker at a client point, for a node that goes there. */
  const openPicker = useCallback(
    (client: { x: number; y: number }, purpose: PickerState["purpose"]) => {
      const box = container.current?.getBoundingClientRect();
      if (!box) return;
      // Kept inside the canvas so the whole list shows.
      const at = { x: Math.min(Math.max(client.x - box.left, 8), Math.max(box.width - 264, 8)), y: Math.min(Math.max(client.y - box.top, 8), Math.max(box.height - 320, 8)) };
      setPicker({ at, position: centredAt(screenToFlowPosition(client)), purpose });
    },
    [screenToFlowPosition],
  );

  function pick(type: NodeTypeName) {
    if (!picker) return;
    const { purpose, position } = picker;
    setPicker(null);
    if (purpose.kind === "add") editor.addNode(type, position);
    else if (purpose.kind === "from") editor.addConnectedNode(type, position, { from: { nodeId: purpose.nodeId, handle: purpose.handle } });
    else editor.addConnectedNode(type, position, { splice: purpose.edgeId });
  }

  /**
   * A connection dropped where it cannot go says why; one dropped on empty canvas opens the
   * node picker there, and the picked node is added and connected.
   */
  function onConnectEnd(event: MouseEvent | TouchEvent, state: FinalConnectionState) {
    if (readOnly || state.isValid || !state.fromNode || state.fromHandle?.type !== "source") return;
    if (state.toNode && state.toHandle) {
      const target = editor.nodes.find((node) => node.id === state.toNode!.id);
      if (!target || state.toHandle.type !== "target") return;
      const refusal = connectionRefusal(editor.edges, { source: state.fromNode.id, target: target.id, targetHandle: state.toHandle.id ?? null }, { manyInputs: portsOf(target.type, target.data).manyInputs });
      if (refusal) setNotice(refusalMessage(refusal, titleOf(target), state.toHandle.id ?? null));
      return;
    }
    const element = "changedTouches" in event ? null : event.target;
    if (element instanceof Element && element.closest(".react-flow__node")) return;
    const point = "changedTouches" in event ? event.changedTouches[0]! : event;
    openPicker({ x: point.clientX, y: point.clientY }, { kind: "from", nodeId: state.fromNode.id, handle: state.fromHandle.id ?? null });
  }

  const menuActions: CanvasMenuActions = {
    readOnly,
    duplicate: (target) => {
      if (target.kind === "node") editor.selectNode(target.id);
      else selectOnly(editor, target.id);
      // Selection lands on the next render; the duplicate reads it from there.
      requestAnimationFrame(() => clipboard.duplicate());
    },
    remove: (target) => {
      if (target.kind === "node") editor.removeNode(target.id);
      else if (target.kind === "note") editor.removeNote(target.id);
      else editor.removeEdge(target.id);
    },
    rename: (nodeId) => {
      editor.selectNode(nodeId);
      // The title is the inspector's label field: focus it once the inspector shows the node.
      requestAnimationFrame(() => requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="node-inspector"] [data-testid="field-label"]')?.select()));
    },
    showRecords: (nodeId) => (host ? host.showRecords(nodeId) : editor.selectNode(nodeId)),
    disabling: (nodeId) => {
      const node = editor.nodes.find((candidate) => candidate.id === nodeId);
      const rule = node ? disableRule(node.type) : null;
      return { disabled: node?.disabled === true, refusal: rule && !rule.allowed ? rule.reason : null };
    },
    toggleDisabled: (nodeId) => toggleDisabled([nodeId]),
    insertOnEdge: (edgeId, client) => openPicker(client, { kind: "splice", edgeId }),
    addNode: (client) => openPicker(client, { kind: "add" }),
    addNote: (client) => editor.addNote(screenToFlowPosition(client)),
    paste: (client) => {
      pointer.current = client;
      void clipboard.paste();
    },
    layOut: () => {
      editor.layOut();
      setLayouts((count) => count + 1);
    },
    fitView: () => void fitView({ ...editFitViewOptions, duration: 200 }).then(() => (fitted.current = true)),
  };

  function onDragOver(event: DragEvent) {
    if (readOnly || !event.dataTransfer.types.includes(paletteDragMimeType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }

  function onDrop(event: DragEvent) {
    if (readOnly) return;
    const type = event.dataTransfer.getData(paletteDragMimeType);
    event.preventDefault();
    const pointerAt = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    if (type === notePaletteType) return void editor.addNote({ x: pointerAt.x - 120, y: pointerAt.y - 72 });
    if (!isNodeTypeName(type)) return;
    editor.addNode(type, centredAt(pointerAt));
  }

  const noteEditing = useMemo(() => (readOnly ? null : { updateNote: editor.updateNote }), [readOnly, editor.updateNote]);

  return (
    <CanvasContextMenu actions={menuActions}>
      <DisabledNodesContext value={disabledIds}>
      <NoteEditingContext value={noteEditing}>
        <div
          ref={container}
          className={clsx("streamline-canvas relative min-h-0 flex-1", readOnly && "read-only")}
          data-testid="canvas"
          data-read-only={readOnly || undefined}
          onPointerMove={(event) => {
            pointer.current = { x: event.clientX, y: event.clientY };
          }}
          onPointerLeave={() => {
            pointer.current = null;
          }}
        >
          <ReactFlow<CanvasFlowNode, PipelineFlowEdge>
            nodes={editor.canvasNodes}
            edges={editor.edges}
            nodeTypes={flowNodeTypes}
            edgeTypes={flowEdgeTypes}
            defaultEdgeOptions={defaultEdgeOptions}
            onNodesChange={editor.onNodesChange}
            onEdgesChange={editor.onEdgesChange}
            onConnect={readOnly ? undefined : editor.onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={editor.isValidConnection}
            onBeforeDelete={readOnly ? refuseDelete : (editor.onBeforeDelete as OnBeforeDelete<CanvasFlowNode, PipelineFlowEdge>)}
            onNodeClick={(_event, node) => {
              // While the pipeline runs, a click shows the node's records too, as Monitor does.
              if (liveVersion !== null && !isNoteNode(node) && host) host.showRecords(node.id);
            }}
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
            onInit={() => {
              if (fitOnOpen) openView();
            }}
            minZoom={0.2}
            maxZoom={2}
            attributionPosition="bottom-center"
            onMoveStart={(event) => {
              // Only a person's pan or zoom has an event; fitting and the resize follow-up have none.
              if (event) fitted.current = false;
            }}
          >
            <Background variant={BackgroundVariant.Dots} gap={gridSize} size={1} />
            <Controls showInteractive={false} position="bottom-left" fitViewOptions={editFitViewOptions} />
            {editor.nodes.length > 0 && !short && (
              <MiniMap
                position="bottom-right"
                pannable
                zoomable
                style={minimapStyle}
                ariaLabel="Minimap"
                nodeBorderRadius={4}
                nodeColor={(node) => (isNoteNode(node) ? "#fde68a" : categoryStyles[nodeTypes[node.type as NodeTypeName]?.category ?? "transform"].minimapColor)}
              />
            )}
            <LiveLegend />
            {!readOnly && (
              <Panel position="top-right">
                <Button
                  size="sm"
                  icon={<Network />}
                  onClick={menuActions.layOut}
                  disabled={editor.nodes.length < 2}
                  title="Arrange the nodes left to right, the way records flow"
                  data-testid="auto-layout"
                >
                  Auto layout
                </Button>
              </Panel>
            )}
            <CanvasNotice message={notice} onDismiss={dismissNotice} />
          </ReactFlow>
          {editor.canvasNodes.length === 0 && <EmptyCanvasHint />}
          {picker && <NodePicker at={picker.at} title={pickerTitles[picker.purpose.kind]} onPick={pick} onClose={closePicker} />}
        </div>
        {help && <KeyboardHelp onClose={closeHelp} />}
      </NoteEditingContext>
      </DisabledNodesContext>
    </CanvasContextMenu>
  );
}

/**
 * The box around every card and note in flow coordinates. Cards count at their drawn size
 * (known before React Flow measures them), notes at their own.
 */
function canvasBounds(nodes: readonly CanvasFlowNode[]) {
  const boxes = nodes.map((node) => ({
    ...node.position,
    width: node.measured?.width ?? node.width ?? nodeCardSize.width,
    height: node.measured?.height ?? node.height ?? nodeCardSize.height,
  }));
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  return { x: left, y: top, width: Math.max(...boxes.map((box) => box.x + box.width)) - left, height: Math.max(...boxes.map((box) => box.y + box.height)) - top };
}

/** Selects one note, as a click on it would (nodes go through the editor's selectNode). */
function selectOnly(editor: GraphEditing, id: string) {
  editor.onNodesChange(editor.canvasNodes.map((node) => ({ type: "select", id: node.id, selected: node.id === id })));
  editor.onEdgesChange(editor.edges.filter((edge) => edge.selected).map((edge) => ({ type: "select", id: edge.id, selected: false })));
}

function titleOf(node: PipelineFlowNode): string {
  const label = typeof node.data.label === "string" ? node.data.label.trim() : "";
  return label || nodeTypes[node.type].label;
}

/** Why a dropped connection was refused, in words (the rules are engine/graph's). */
export function refusalMessage(refusal: "self-loop" | "input-taken" | "cycle", targetTitle: string, targetHandle: string | null): string {
  switch (refusal) {
    case "self-loop":
      return `${targetTitle} cannot feed itself.`;
    case "cycle":
      return `Connecting to ${targetTitle} would make a loop: records must flow one way through a pipeline.`;
    case "input-taken":
      return `${targetTitle} already has an input${targetHandle ? ` on its ${targetHandle} side` : ""}: delete that connection first (only a union takes several inputs).`;
  }
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
        data: { node: monitored.get(node.id)!, summary: safeSummary(node.type, node.data), disabled: node.disabled === true },
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
