"use client";

import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import {
  connectionRefusal,
  disableRule,
  nodeTypes,
  portsOf,
  validatePipeline,
  type NodeTypeName,
  type NoteColor,
  type PipelineDocument,
  type PipelineProblem,
} from "@/engine/graph";
import { renamePipeline, savePipeline } from "@/lib/client/api/pipelines";
import { ApiError } from "@/lib/client/api-error";
import { type PipelineDetail } from "@/lib/client/api/pipelines";
import { autoLayout } from "@/components/graph/auto-layout";
import { documentToFlow, flowToDocument } from "@/components/graph/flow-document";
import {
  gridSize,
  isNoteNode,
  newNoteSize,
  nodeCardSize,
  type CanvasFlowNode,
  type NoteFlowNode,
  type PipelineFlowEdge,
  type PipelineFlowNode,
} from "@/components/graph/flow-types";
import { copyFragment, nextNoteId, pasteFragment, type ClipboardFragment } from "@/components/graph/clipboard-fragment";
import { nextEdgeId } from "@/components/graph/next-edge-id";
import { nextNodeId } from "@/components/graph/next-node-id";
import { stableStringify } from "@/components/graph/stable-stringify";
import { useUndoHistory } from "./use-undo-history";

/** The last version the server accepted, compared with the canvas to tell "Saved" from "Unsaved changes". */
export type SavedVersion = { key: string; version: number; problems: PipelineProblem[] };

export type RequestStatus =
  | { state: "idle" }
  | { state: "pending" }
  /** `conflict` means someone saved a newer version; only reloading can resolve it. */
  | { state: "error"; message: string; conflict?: boolean };

/**
 * Everything the editor screen does to one pipeline: the React Flow state, the document
 * derived from it, live validation, undo/redo, and saving and renaming through the API.
 * Viewport work (centring, screen coordinates) stays in the components that own the view.
 */
export function usePipelineEditor(pipeline: PipelineDetail) {
  const [initial] = useState(() => documentToFlow(pipeline.graph));
  const [nodes, setNodes] = useState<PipelineFlowNode[]>(initial.nodes);
  const [edges, setEdges] = useState<PipelineFlowEdge[]>(initial.edges);
  const [notes, setNotes] = useState<NoteFlowNode[]>(initial.notes);
  const [name, setName] = useState(pipeline.name);
  const [saved, setSaved] = useState<SavedVersion>(() => ({
    key: stableStringify(flowToDocument(initial.nodes, initial.edges, initial.notes)),
    version: pipeline.version,
    problems: pipeline.problems ?? [],
  }));
  const [saveStatus, setSaveStatus] = useState<RequestStatus>({ state: "idle" });
  const [renameStatus, setRenameStatus] = useState<RequestStatus>({ state: "idle" });
  const { record, undo: takeUndo, redo: takeRedo, canUndo, canRedo } = useUndoHistory<PipelineDocument>();

  const document = useMemo(() => flowToDocument(nodes, edges, notes), [nodes, edges, notes]);
  // React Flow draws notes and operators as one list; notes first, so they sit underneath.
  const canvasNodes = useMemo<CanvasFlowNode[]>(() => [...notes, ...nodes], [notes, nodes]);
  const documentKey = useMemo(() => stableStringify(document), [document]);
  // Keyed by content, not identity: selecting a node changes the arrays but not the pipeline,
  // and a stable problem list keeps every node card from re-rendering.
  const problems = useMemo(() => validatePipeline(document).problems, [documentKey]);
  const dirty = documentKey !== saved.key;

  // Callbacks below run from event handlers after commit; refs give them the latest state
  // without changing identity on every render (React Flow re-subscribes when handlers change).
  const latest = useRef({ document, nodes, edges, notes, dirty, savedVersion: saved.version });
  useLayoutEffect(() => {
    latest.current = { document, nodes, edges, notes, dirty, savedVersion: saved.version };
  });

  /** Changes from React Flow go to the list their node lives in: notes or operators. */
  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    const noteIds = new Set(latest.current.notes.map((note) => note.id));
    const toNotes = changes.filter((change) => ("id" in change ? noteIds.has(change.id) : isNoteNode(change.item)));
    const toNodes = changes.filter((change) => !toNotes.includes(change));
    if (toNotes.length > 0) {
      // A resize is one undo step: remembered when it starts.
      if (toNotes.some((change) => change.type === "dimensions" && change.resizing && change.setAttributes)) record(latest.current.document, "note-resize");
      setNotes((current) => applyNodeChanges(toNotes as NodeChange<NoteFlowNode>[], current));
    }
    if (toNodes.length > 0) setNodes((current) => applyNodeChanges(toNodes as NodeChange<PipelineFlowNode>[], current));
  }, [record]);

  const onEdgesChange = useCallback((changes: EdgeChange<PipelineFlowEdge>[]) => {
    setEdges((current) => applyEdgeChanges(changes, current));
  }, []);

  /** React Flow asks before deleting (Delete/Backspace): the moment to remember the graph for undo. */
  const onBeforeDelete = useCallback(
    async ({ nodes: doomedNodes, edges: doomedEdges }: { nodes: PipelineFlowNode[]; edges: PipelineFlowEdge[] }) => {
      if (doomedNodes.length > 0 || doomedEdges.length > 0) record(latest.current.document);
      return true;
    },
    [record],
  );

  const onDragStart = useCallback(() => record(latest.current.document), [record]);

  /** Rejects connections the pipeline could never accept, so the user sees it while dragging. */
  const isValidConnection = useCallback((connection: Connection | PipelineFlowEdge) => {
    const { nodes: currentNodes, edges: currentEdges } = latest.current;
    const target = currentNodes.find((node) => node.id === connection.target);
    if (!target) return false;
    // The graph rules live in engine/graph, where validation enforces them on whole documents.
    return connectionRefusal(currentEdges, connection, { manyInputs: portsOf(target.type, target.data).manyInputs }) === null;
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => {
      record(latest.current.document);
      setEdges((current) => {
        // Handles are the ports' names from the operators' descriptions; an unnamed port has none.
        const targetHandle = connection.targetHandle || null;
        const sourceHandle = connection.sourceHandle || null;
        const id = nextEdgeId({ ...connection, sourceHandle, targetHandle }, new Set(current.map((edge) => edge.id)));
        return addEdge({ ...connection, id, sourceHandle, targetHandle }, current);
      });
    },
    [record],
  );

  /** Adds a node of `type` with its defaults at `position` (top-left corner) and selects it. Returns its id. */
  const addNode = useCallback(
    (type: NodeTypeName, position: XYPosition): string => {
      record(latest.current.document);
      const id = nextNodeId(type, latest.current.nodes.map((node) => node.id));
      const node: PipelineFlowNode = {
        id,
        type,
        position: { x: snap(position.x), y: snap(position.y) },
        data: nodeTypes[type].defaults() as Record<string, unknown>,
        selected: true,
      };
      setNodes((current) => [...current.map((other) => (other.selected ? { ...other, selected: false } : other)), node]);
      setEdges(deselectAll);
      setNotes(deselectAll);
      return id;
    },
    [record],
  );

  /**
   * Sets one top-level key of a node's data (`undefined` removes it). `historyKey` names the
   * field being edited, so a run of keystrokes in it becomes a single undo step.
   */
  const updateNodeData = useCallback(
    (nodeId: string, key: string, value: unknown, historyKey: string = key) => {
      record(latest.current.document, `data:${nodeId}:${historyKey}`);
      setNodes((current) =>
        current.map((node) => {
          if (node.id !== nodeId) return node;
          const data = { ...node.data };
          if (value === undefined) delete data[key];
          else data[key] = value;
          return { ...node, data };
        }),
      );
    },
    [record],
  );

  /**
   * Disables or enables nodes as one undo step: `disabled` true disables those that can be
   * (see `disableRule`), false enables them. Returns the ids that changed.
   */
  const setNodesDisabled = useCallback(
    (nodeIds: readonly string[], disabled: boolean): string[] => {
      const wanted = new Set(nodeIds);
      const changing = latest.current.nodes
        .filter((node) => wanted.has(node.id) && (node.disabled === true) !== disabled && (!disabled || disableRule(node.type).allowed))
        .map((node) => node.id);
      if (changing.length === 0) return [];
      record(latest.current.document);
      const ids = new Set(changing);
      setNodes((current) =>
        current.map((node) => {
          if (!ids.has(node.id)) return node;
          if (disabled) return { ...node, disabled: true };
          const { disabled: _enabled, ...rest } = node;
          return rest;
        }),
      );
      return changing;
    },
    [record],
  );

  const removeNode = useCallback(
    (nodeId: string) => {
      record(latest.current.document);
      setNodes((current) => current.filter((node) => node.id !== nodeId));
      setEdges((current) => current.filter((edge) => edge.source !== nodeId && edge.target !== nodeId));
    },
    [record],
  );

  const layOut = useCallback(() => {
    record(latest.current.document);
    setNodes((current) => autoLayout(current, latest.current.edges));
  }, [record]);

  /** Everything selected on the canvas, as a fragment for the clipboard; null when nothing is. */
  const selectedFragment = useCallback((): ClipboardFragment | null => {
    const { document: current, nodes: currentNodes, notes: currentNotes } = latest.current;
    return copyFragment(current, {
      nodes: new Set(currentNodes.filter((node) => node.selected).map((node) => node.id)),
      notes: new Set(currentNotes.filter((note) => note.selected).map((note) => note.id)),
    });
  }, []);

  /**
   * Adds a fragment (copied here, in another pipeline, or a document from elsewhere) centred on
   * `at`, with ids new to this pipeline, as one undo step. The pasted elements end up selected.
   */
  const paste = useCallback(
    (fragment: ClipboardFragment, at: XYPosition) => {
      record(latest.current.document);
      const { nodes: currentNodes, edges: currentEdges, notes: currentNotes } = latest.current;
      const pasted = pasteFragment(
        fragment,
        { nodeIds: currentNodes.map((node) => node.id), edgeIds: currentEdges.map((edge) => edge.id), noteIds: currentNotes.map((note) => note.id) },
        at,
        nodeCardSize,
      );
      const flow = documentToFlow({ version: 1, ...pasted });
      setNodes((current) => [...deselectAll(current), ...flow.nodes.map((node) => ({ ...node, selected: true }))]);
      setEdges((current) => [...deselectAll(current), ...flow.edges]);
      setNotes((current) => [...deselectAll(current), ...flow.notes.map((note) => ({ ...note, selected: true }))]);
    },
    [record],
  );

  /** Removes the selected nodes (with their edges), edges and notes, as one undo step. */
  const deleteSelection = useCallback(() => {
    const { nodes: currentNodes, edges: currentEdges, notes: currentNotes } = latest.current;
    const doomed = new Set(currentNodes.filter((node) => node.selected).map((node) => node.id));
    const anything = doomed.size > 0 || currentEdges.some((edge) => edge.selected) || currentNotes.some((note) => note.selected);
    if (!anything) return;
    record(latest.current.document);
    setNodes((current) => current.filter((node) => !doomed.has(node.id)));
    setEdges((current) => current.filter((edge) => !edge.selected && !doomed.has(edge.source) && !doomed.has(edge.target)));
    setNotes((current) => current.filter((note) => !note.selected));
  }, [record]);

  /** Selects every node, edge and note. */
  const selectAll = useCallback(() => {
    const select = <T extends { selected?: boolean }>(items: T[]) => items.map((item) => (item.selected ? item : { ...item, selected: true }));
    setNodes(select);
    setEdges(select);
    setNotes(select);
  }, []);

  /** Adds a sticky note with its top-left corner at `position`, selected. Returns its id. */
  const addNote = useCallback(
    (position: XYPosition, text = ""): string => {
      record(latest.current.document);
      const { nodes: currentNodes, notes: currentNotes } = latest.current;
      const id = nextNoteId([...currentNodes, ...currentNotes].map((node) => node.id));
      const note: NoteFlowNode = {
        id,
        type: "note",
        position: { x: snap(position.x), y: snap(position.y) },
        width: newNoteSize.width,
        height: newNoteSize.height,
        zIndex: -1,
        data: { text, color: "yellow" },
        selected: true,
      };
      setNodes(deselectAll);
      setEdges(deselectAll);
      setNotes((current) => [...deselectAll(current), note]);
      return id;
    },
    [record],
  );

  /** Changes a note's text or colour; a run of typing in one note is one undo step. */
  const updateNote = useCallback(
    (noteId: string, patch: { text?: string; color?: NoteColor }) => {
      record(latest.current.document, `note:${noteId}:${Object.keys(patch).join(",")}`);
      setNotes((current) => current.map((note) => (note.id === noteId ? { ...note, data: { ...note.data, ...patch } } : note)));
    },
    [record],
  );

  const removeNote = useCallback(
    (noteId: string) => {
      record(latest.current.document);
      setNotes((current) => current.filter((note) => note.id !== noteId));
    },
    [record],
  );

  /**
   * Adds a node of `type` at `position` and connects it in one undo step: after `from` (a
   * connection dragged out of an output and dropped on empty canvas), or spliced into the edge
   * `splice` (its source now feeds the new node, which feeds the old target). Returns its id.
   */
  const addConnectedNode = useCallback(
    (type: NodeTypeName, position: XYPosition, link: { from: { nodeId: string; handle: string | null } } | { splice: string }): string => {
      record(latest.current.document);
      const { nodes: currentNodes, edges: currentEdges, notes: currentNotes } = latest.current;
      const id = nextNodeId(type, [...currentNodes, ...currentNotes].map((node) => node.id));
      const node: PipelineFlowNode = {
        id,
        type,
        position: { x: snap(position.x), y: snap(position.y) },
        data: nodeTypes[type].defaults() as Record<string, unknown>,
        selected: true,
      };
      const ids = new Set(currentEdges.map((edge) => edge.id));
      const edgeTo = (source: string, sourceHandle: string | null, target: string, targetHandle: string | null): PipelineFlowEdge => {
        const edgeId = nextEdgeId({ source, target, sourceHandle, targetHandle }, ids);
        ids.add(edgeId);
        return { id: edgeId, source, target, sourceHandle, targetHandle };
      };
      let next: PipelineFlowEdge[];
      if ("from" in link) {
        next = [...deselectAll(currentEdges), edgeTo(link.from.nodeId, link.from.handle, id, null)];
      } else {
        const old = currentEdges.find((edge) => edge.id === link.splice);
        if (!old) return id;
        next = [
          ...deselectAll(currentEdges.filter((edge) => edge.id !== old.id)),
          edgeTo(old.source, old.sourceHandle ?? null, id, null),
          edgeTo(id, null, old.target, old.targetHandle ?? null),
        ];
      }
      setNodes((current) => [...deselectAll(current), node]);
      setNotes(deselectAll);
      setEdges(next);
      return id;
    },
    [record],
  );

  /** Removes one edge (the edge context menu). */
  const removeEdge = useCallback(
    (edgeId: string) => {
      record(latest.current.document);
      setEdges((current) => current.filter((edge) => edge.id !== edgeId));
    },
    [record],
  );

  const restore = useCallback((snapshot: PipelineDocument) => {
    const flow = documentToFlow(snapshot);
    const previousNotes = new Map(latest.current.notes.map((note) => [note.id, note]));
    setNotes(flow.notes.map((note) => ({ ...note, selected: previousNotes.get(note.id)?.selected })));
    const previous = new Map(latest.current.nodes.map((node) => [node.id, node]));
    setNodes(
      flow.nodes.map((node) => {
        const before = previous.get(node.id);
        return before ? { ...node, selected: before.selected, measured: before.measured } : node;
      }),
    );
    setEdges(flow.edges);
  }, []);

  const undo = useCallback(() => {
    const snapshot = takeUndo(latest.current.document);
    if (snapshot) restore(snapshot);
  }, [takeUndo, restore]);

  const redo = useCallback(() => {
    const snapshot = takeRedo(latest.current.document);
    if (snapshot) restore(snapshot);
  }, [takeRedo, restore]);

  /** Selects exactly one node (or edge), as a click on it would. */
  const selectNode = useCallback((nodeId: string) => {
    setNodes((current) => current.map((node) => (node.selected === (node.id === nodeId) ? node : { ...node, selected: node.id === nodeId })));
    setEdges(deselectAll);
    setNotes(deselectAll);
  }, []);

  const selectEdge = useCallback((edgeId: string) => {
    setNodes(deselectAll);
    setEdges((current) => current.map((edge) => (edge.selected === (edge.id === edgeId) ? edge : { ...edge, selected: edge.id === edgeId })));
  }, []);

  const saving = useRef<Promise<boolean> | null>(null);
  /**
   * Saves the canvas as a new version. Drafts are allowed, so work in progress with
   * problems is kept too. Resolves to whether the canvas is saved afterwards; a call
   * while a save is under way waits for that one, so Deploy never runs ahead of it.
   * `message` says what changed (the Save prompt); the shortcut and Deploy save without one.
   * `onTopOf` saves over a version someone else saved meanwhile (the concurrent-save
   * notice, after showing the diff): the draft becomes the version after theirs.
   */
  const save = useCallback((message?: string, onTopOf?: number): Promise<boolean> => {
    if (saving.current) return saving.current;
    if (!latest.current.dirty && onTopOf === undefined) return Promise.resolve(true);
    const graph = latest.current.document;
    setSaveStatus({ state: "pending" });
    saving.current = savePipeline(pipeline.id, { graph, draft: true, baseVersion: onTopOf ?? latest.current.savedVersion, ...(message ? { message } : {}) })
      .then((result) => {
        setSaved({ key: stableStringify(graph), version: result.version, problems: result.problems ?? [] });
        setSaveStatus({ state: "idle" });
        return true;
      })
      .catch((error: unknown) => {
        setSaveStatus({ state: "error", message: describeError(error), conflict: error instanceof ApiError && error.status === 409 });
        return false;
      })
      .finally(() => {
        saving.current = null;
      });
    return saving.current;
  }, [pipeline.id]);

  /**
   * Puts a version the server just saved (a restore) on the canvas as the saved state.
   * The canvas before it stays one undo step away.
   */
  const loadSaved = useCallback(
    (detail: PipelineDetail) => {
      record(latest.current.document);
      restore(detail.graph);
      const flow = documentToFlow(detail.graph);
      setSaved({ key: stableStringify(flowToDocument(flow.nodes, flow.edges, flow.notes)), version: detail.version, problems: detail.problems ?? [] });
      setSaveStatus({ state: "idle" });
    },
    [record, restore],
  );

  /** Renames the pipeline in place; names are not versioned. */
  const rename = useCallback(
    async (newName: string) => {
      setRenameStatus({ state: "pending" });
      try {
        const result = await renamePipeline(pipeline.id, { name: newName });
        setName(result.name);
        setRenameStatus({ state: "idle" });
      } catch (error) {
        setRenameStatus({ state: "error", message: describeError(error) });
      }
    },
    [pipeline.id],
  );

  const dismissErrors = useCallback(() => {
    setSaveStatus((status) => (status.state === "error" ? { state: "idle" } : status));
    setRenameStatus((status) => (status.state === "error" ? { state: "idle" } : status));
  }, []);

  return {
    pipelineId: pipeline.id,
    description: pipeline.description,
    name,
    nodes,
    edges,
    notes,
    canvasNodes,
    document,
    problems,
    dirty,
    saved,
    saveStatus,
    renameStatus,
    canUndo,
    canRedo,
    onNodesChange,
    onEdgesChange,
    onBeforeDelete,
    onDragStart,
    onConnect,
    isValidConnection,
    addNode,
    updateNodeData,
    setNodesDisabled,
    removeNode,
    removeEdge,
    selectedFragment,
    paste,
    deleteSelection,
    selectAll,
    addNote,
    updateNote,
    removeNote,
    addConnectedNode,
    layOut,
    undo,
    redo,
    selectNode,
    selectEdge,
    save,
    loadSaved,
    rename,
    dismissErrors,
  };
}

export type PipelineEditorState = ReturnType<typeof usePipelineEditor>;

function deselectAll<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

function snap(value: number): number {
  return Math.round(value / gridSize) * gridSize;
}

/** Whether `to` can be reached from `from` along edges: connecting to→from would close a loop. */
function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const first = error.problems[0];
    if (!first) return error.message;
    const more = error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : "";
    return `${error.message}: ${first.message}${more}`;
  }
  return error instanceof Error ? error.message : String(error);
}
