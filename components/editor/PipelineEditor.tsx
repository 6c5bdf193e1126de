"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { CircleAlert, RefreshCw, X } from "lucide-react";
import { useCallback, useMemo, useRef, useState } from "react";
import { nodeTypes, type NodeTypeName, type PipelineProblem } from "@/engine/graph";
import type { ApiError } from "@/lib/client/api-error";
import { type PipelineDetail } from "@/lib/client/api/pipelines";
import { newNoteSize, nodeCardSize } from "@/components/graph/flow-types";
import { placeNewNode } from "@/components/graph/place-new-node";
import { Palette } from "@/components/canvas/Palette";
import { PipelineGraph } from "@/components/graph/PipelineGraph";
import { NodeProblemsContext } from "@/components/graph/problems-context";
import { CanvasTypesContext } from "@/components/graph/canvas-types";
import { useCanvasTypesState } from "@/components/graph/use-canvas-types-state";
import { Inspector } from "@/components/inspector/Inspector";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { DeployPlanDialog } from "@/components/versions/DeployPlanDialog";
import { RestoreVersionDialog } from "@/components/versions/RestoreVersionDialog";
import { useVersionCanvas } from "@/components/versions/use-version-canvas";
import { VersionCanvas } from "@/components/versions/VersionCanvas";
import { VersionsPanel } from "@/components/versions/VersionsPanel";
import type { VersionSummary } from "@/lib/client/api/pipelines";
import type { DeployOptions } from "@/lib/client/use-deployment-status";
import { DeadLettersTab } from "./DeadLettersTab";
import { EditorDrawer, type DrawerTab } from "./EditorDrawer";
import { EditorLiveProvider } from "./EditorLiveProvider";
import { EditorTopBar } from "./EditorTopBar";
import { NodeRecordsTab, type DrawerNode } from "./NodeRecordsTab";
import { previewCanvasNodes } from "./preview-canvas-nodes";
import { ProblemsPanel } from "./ProblemsPanel";
import type { Refusal } from "./refusal";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { usePipelineEditor } from "./use-pipeline-editor";
import { usePreview } from "./use-preview";
import { useUnsavedChangesWarning } from "./use-unsaved-changes-warning";

/**
 * The pipeline editor: palette, canvas, inspector, the bottom drawer (problems, records,
 * dead letters) and the top bar around one loaded pipeline, with live numbers on the
 * canvas while it is deployed and the results of a preview of the draft.
 */
export function PipelineEditor({ pipeline }: { pipeline: PipelineDetail }) {
  return (
    <ReactFlowProvider>
      <EditorWorkspace pipeline={pipeline} />
    </ReactFlowProvider>
  );
}

const noop = () => {};
const readOnlyShortcuts = { save: noop, undo: noop, redo: noop };

function EditorWorkspace({ pipeline }: { pipeline: PipelineDetail }) {
  const editor = usePipelineEditor(pipeline);
  const preview = usePreview(pipeline.id, editor.document);
  const { screenToFlowPosition, setCenter, getZoom, getInternalNode } = useReactFlow();
  const canvasArea = useRef<HTMLDivElement>(null);
  const sidePanel = useRef<HTMLDivElement>(null);
  const [drawer, setDrawer] = useState<{ open: boolean; tab: DrawerTab }>({ open: false, tab: "problems" });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pauseSamples, setPauseSamples] = useState(false);
  // History: the versions panel, a version or a diff on the canvas, restore and deploy-a-version dialogs.
  const [versionsOpen, setVersionsOpen] = useState(false);
  const versionCanvas = useVersionCanvas(pipeline.id);
  const [restoreTarget, setRestoreTarget] = useState<VersionSummary | null>(null);
  // The version to deploy through the plan dialog (null: the latest, from the top bar's Deploy), with its options.
  const [deployTarget, setDeployTarget] = useState<{ version: number | null; options?: DeployOptions } | undefined>(undefined);

  // A viewer's editor is read-only: nothing to save, undo or lose on leaving.
  const canEdit = useCanEdit();
  useEditorShortcuts(canEdit ? { save: () => void editor.save(), undo: editor.undo, redo: editor.redo } : readOnlyShortcuts);
  useUnsavedChangesWarning(canEdit && editor.dirty);
  // Types on the canvas; sampling a topic's records is for editors (the API refuses viewers).
  const canvasTypes = useCanvasTypesState(editor.document, canEdit);

  const problemsByNode = useMemo(() => {
    const byNode = new Map<string, PipelineProblem[]>();
    for (const problem of editor.problems) {
      if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    }
    return byNode;
  }, [editor.problems]);

  const drawerNodes = useMemo<DrawerNode[]>(
    () =>
      editor.document.nodes.map((node) => {
        const type = node.type as NodeTypeName;
        const label = typeof node.data.label === "string" ? node.data.label.trim() : "";
        return { id: node.id, type, title: label || nodeTypes[type].label };
      }),
    [editor.document],
  );
  const titles = useMemo(() => Object.fromEntries(drawerNodes.map((node) => [node.id, node.title])), [drawerNodes]);
  const selectedIds = editor.nodes.filter((node) => node.selected).map((node) => node.id);
  const selectedNode = selectedIds.length === 1 ? (drawerNodes.find((node) => node.id === selectedIds[0]) ?? null) : null;

  const previewView = useMemo(
    () => (preview.run ? { nodes: previewCanvasNodes(preview.run.result), stale: preview.stale } : null),
    [preview.run, preview.stale],
  );

  const { addNode, nodes } = editor;
  /** Click-to-add: the middle of the visible canvas, or the nearest slot there that hides no node. */
  const addAtCentre = useCallback(
    (type: NodeTypeName) => {
      const area = canvasArea.current?.getBoundingClientRect();
      if (!area) return;
      const centre = screenToFlowPosition({ x: area.left + area.width / 2, y: area.top + area.height / 2 });
      const preferred = { x: centre.x - nodeCardSize.width / 2, y: centre.y - nodeCardSize.height / 2 };
      const boxes = nodes.map((node) => ({
        ...node.position,
        width: node.measured?.width ?? nodeCardSize.width,
        height: node.measured?.height ?? nodeCardSize.height,
      }));
      addNode(type, placeNewNode(preferred, nodeCardSize, boxes));
    },
    [addNode, nodes, screenToFlowPosition],
  );

  const { addNote } = editor;
  /** The palette's note entry: a note in the middle of the visible canvas. */
  const addNoteAtCentre = useCallback(() => {
    const area = canvasArea.current?.getBoundingClientRect();
    if (!area) return;
    const centre = screenToFlowPosition({ x: area.left + area.width / 2, y: area.top + area.height / 2 });
    addNote({ x: centre.x - newNoteSize.width / 2, y: centre.y - newNoteSize.height / 2 });
  }, [addNote, screenToFlowPosition]);

  const { selectNode, selectEdge, edges } = editor;
  /** Selects a node (which opens it in the inspector and the Samples tab) and centres the view on it. */
  const focusNode = useCallback(
    (nodeId: string) => {
      selectNode(nodeId);
      const node = getInternalNode(nodeId);
      if (!node) return;
      const width = node.measured.width ?? nodeCardSize.width;
      const height = node.measured.height ?? nodeCardSize.height;
      void setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
        zoom: Math.max(getZoom(), 0.75),
        duration: 300,
      });
    },
    [getInternalNode, getZoom, selectNode, setCenter],
  );

  /** Jumps to a problem: its node, or for a connection the edge (selected) and the node it leads to. */
  const showProblem = useCallback(
    (problem: PipelineProblem) => {
      if (problem.nodeId) return focusNode(problem.nodeId);
      const edge = edges.find((candidate) => candidate.id === problem.edgeId);
      if (!edge) return;
      focusNode(edge.target);
      selectEdge(edge.id);
    },
    [edges, focusNode, selectEdge],
  );

  const openDrawer = useCallback((tab: DrawerTab) => setDrawer({ open: true, tab }), []);
  /** A node's records in the drawer, with the node selected (the running canvas's click, the node menu). */
  const graphHost = useMemo(
    () => ({
      showRecords: (nodeId: string) => {
        selectNode(nodeId);
        setDrawer({ open: true, tab: "samples" });
      },
    }),
    [selectNode],
  );
  const toggleProblems = useCallback(() => setDrawer((current) => ({ open: !(current.open && current.tab === "problems"), tab: "problems" })), []);

  const refuse = useCallback(
    (action: Refusal["action"], error: ApiError) => {
      setRefusal({ action, message: error.message, problems: error.problems });
      openDrawer("problems");
    },
    [openDrawer],
  );

  const { save, document } = editor;
  const beforeDeploy = useCallback(async () => {
    setRefusal(null);
    // Deploy runs the latest saved version, so what is on the canvas is saved first.
    return save();
  }, [save]);

  const confirmDeploy = useCallback((options: DeployOptions) => setDeployTarget({ version: null, options }), []);

  const onDeployError = useCallback((error: ApiError) => {
    if (error.problems.length > 0) refuse("deploy", error);
  }, [refuse]);

  const { start: startPreview } = preview;
  const runPreview = useCallback(async () => {
    setRefusal(null);
    const refused = await startPreview(document, titles);
    if (refused) return refuse("preview", refused);
    // The records are what a preview is for: show them, unless the user is reading another tab.
    setDrawer((current) => (current.open && current.tab !== "problems" ? current : { open: true, tab: "samples" }));
  }, [document, refuse, startPreview, titles]);

  const errorMessage =
    editor.saveStatus.state === "error"
      ? `Could not save: ${editor.saveStatus.message}`
      : editor.renameStatus.state === "error"
        ? `Could not rename: ${editor.renameStatus.message}`
        : preview.error
          ? `Could not run the preview: ${preview.error}`
          : versionCanvas.error;

  return (
    <NodeProblemsContext value={problemsByNode}>
      <CanvasTypesContext value={canvasTypes}>
      <EditorLiveProvider pipelineId={pipeline.id} graph={editor.document} preview={previewView} pauseSamples={pauseSamples}>
        <div className="flex min-h-0 flex-1 flex-col" data-testid="pipeline-editor">
          <EditorTopBar
            editor={editor}
            problemsOpen={drawer.open && drawer.tab === "problems"}
            onToggleProblems={toggleProblems}
            previewRunning={preview.running}
            onPreview={() => void runPreview()}
            beforeDeploy={beforeDeploy}
            onDeployError={onDeployError}
            versionsOpen={versionsOpen}
            onToggleVersions={() => setVersionsOpen((open) => !open)}
            confirmDeploy={confirmDeploy}
            sidePanel={sidePanel}
          />
          {errorMessage && (
            <div role="alert" data-testid="editor-error" className="flex shrink-0 items-center gap-2 border-b border-red-200 bg-red-50 py-1.5 pr-2 pl-4 text-sm text-red-800">
              <CircleAlert className="size-4 shrink-0 text-red-600" aria-hidden="true" />
              <span className="min-w-0 flex-1">{errorMessage}</span>
              {editor.saveStatus.state === "error" && editor.saveStatus.conflict && (
                <Button size="sm" icon={<RefreshCw />} onClick={() => window.location.reload()}>
                  Reload latest version
                </Button>
              )}
              <IconButton
                label="Dismiss"
                icon={<X />}
                onClick={() => {
                  editor.dismissErrors();
                  preview.dismissError();
                  versionCanvas.dismissError();
                }}
              />
            </div>
          )}
          <div className="flex min-h-0 flex-1">
            {canEdit && <Palette onAdd={addAtCentre} onAddNote={addNoteAtCentre} />}
            <div className="flex min-w-0 flex-1 flex-col">
              <div ref={canvasArea} className="flex min-h-0 flex-1 flex-col">
                {versionCanvas.view ? (
                  <VersionCanvas view={versionCanvas.view} onClose={versionCanvas.close} />
                ) : (
                  <PipelineGraph mode="edit" editor={editor} host={graphHost} readOnly={!canEdit} />
                )}
              </div>
              <EditorDrawer
                open={drawer.open}
                tab={drawer.tab}
                onTabClick={openDrawer}
                onToggle={() => setDrawer((current) => ({ ...current, open: !current.open }))}
                problemCount={editor.problems.length}
                sampleNode={selectedNode?.title ?? null}
                previewFailures={preview.run?.result.deadLetters.length ?? 0}
              >
                {drawer.tab === "problems" && (
                  <ProblemsPanel problems={editor.problems} refusal={refusal} onDismissRefusal={() => setRefusal(null)} onSelect={showProblem} />
                )}
                {drawer.tab === "samples" && (
                  <NodeRecordsTab
                    node={selectedNode}
                    nodes={drawerNodes}
                    onSelectNode={focusNode}
                    preview={preview}
                    paused={pauseSamples}
                    onPausedChange={setPauseSamples}
                    onShowFailures={() => openDrawer("dead-letters")}
                  />
                )}
                {drawer.tab === "dead-letters" && (
                  <DeadLettersTab pipelineId={pipeline.id} titles={titles} previewRun={preview.run} onSelectNode={focusNode} />
                )}
              </EditorDrawer>
            </div>
            {/* The right panel; a refused deploy's message keeps clear of it (defect 4). */}
            <div ref={sidePanel} className="flex min-h-0 shrink-0" data-testid="editor-side-panel">
              {versionsOpen ? (
                <VersionsPanel
                  pipelineId={pipeline.id}
                  savedVersion={editor.saved.version}
                  canEdit={canEdit}
                  showing={versionCanvas.view ? (versionCanvas.view.kind === "version" ? { version: versionCanvas.view.version } : { from: versionCanvas.view.from.version, to: versionCanvas.view.to.version }) : null}
                  onView={versionCanvas.show}
                  onCompare={versionCanvas.compare}
                  onRestore={setRestoreTarget}
                  onDeploy={(version) => setDeployTarget({ version })}
                  onClose={() => {
                    setVersionsOpen(false);
                    versionCanvas.close();
                  }}
                />
              ) : (
                <Inspector editor={editor} readOnly={!canEdit} />
              )}
            </div>
          </div>
          <RestoreVersionDialog
            pipelineId={pipeline.id}
            version={restoreTarget}
            dirty={editor.dirty}
            onClose={() => setRestoreTarget(null)}
            onRestored={(restored) => {
              setRestoreTarget(null);
              versionCanvas.close();
              editor.loadSaved(restored);
            }}
          />
          <DeployPlanDialog pipelineId={pipeline.id} version={deployTarget?.version} initial={deployTarget?.options} onClose={() => setDeployTarget(undefined)} />
        </div>
      </EditorLiveProvider>
      </CanvasTypesContext>
    </NodeProblemsContext>
  );
}
