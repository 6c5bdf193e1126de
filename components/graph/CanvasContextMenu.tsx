"use client";

import * as ContextMenu from "@radix-ui/react-context-menu";
import clsx from "clsx";
import { useState, type ReactNode } from "react";

/** What was right-clicked: a node, a note, a connection or the empty canvas, and where. */
export type MenuTarget = ({ kind: "node"; id: string } | { kind: "note"; id: string } | { kind: "edge"; id: string } | { kind: "pane" }) & {
  /** The click in client (viewport) coordinates. */
  client: { x: number; y: number };
};

/** The actions the menus offer; the canvas supplies them. */
export type CanvasMenuActions = {
  readOnly: boolean;
  duplicate: (target: MenuTarget & { kind: "node" | "note" }) => void;
  remove: (target: MenuTarget & { kind: "node" | "note" | "edge" }) => void;
  rename: (nodeId: string) => void;
  showRecords: (nodeId: string) => void;
  insertOnEdge: (edgeId: string, client: { x: number; y: number }) => void;
  addNode: (client: { x: number; y: number }) => void;
  addNote: (client: { x: number; y: number }) => void;
  paste: (client: { x: number; y: number }) => void;
  layOut: () => void;
  fitView: () => void;
};

/**
 * The right-click menus of the editing canvas (Radix context menu: keyboard, focus and screen
 * readers handled): on a node (duplicate, delete, rename, show records), on a note (duplicate,
 * delete), on a connection (delete, insert a node here) and on the canvas (add node, add note,
 * paste, auto layout, fit view). A viewer's menus offer only what changes nothing.
 */
export function CanvasContextMenu({ actions, children }: { actions: CanvasMenuActions; children: ReactNode }) {
  const [target, setTarget] = useState<MenuTarget | null>(null);
  return (
    <ContextMenu.Root modal={false}>
      <ContextMenu.Trigger asChild>
        <div className="flex min-h-0 flex-1 flex-col" onContextMenu={(event) => setTarget(targetOf(event.target, { x: event.clientX, y: event.clientY }))}>
          {children}
        </div>
      </ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content
          // Focus goes where the chosen action puts it (Rename: the title field), not back to the canvas.
          onCloseAutoFocus={(event) => event.preventDefault()}
          data-testid={target ? `context-menu-${target.kind}` : undefined}
          className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 text-[13px] text-slate-800 shadow-lg"
        >
          {target && <MenuItems target={target} actions={actions} />}
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}

function MenuItems({ target, actions }: { target: MenuTarget; actions: CanvasMenuActions }) {
  const edit = !actions.readOnly;
  switch (target.kind) {
    case "node":
      return (
        <>
          <Item id="show-records" onSelect={() => actions.showRecords(target.id)}>Show records</Item>
          {edit && (
            <>
              <Item id="rename" onSelect={() => actions.rename(target.id)}>Rename</Item>
              <Item id="duplicate" shortcut="Mod D" onSelect={() => actions.duplicate(target)}>Duplicate</Item>
              <ContextMenu.Separator className="my-1 h-px bg-slate-100" />
              <Item id="delete" shortcut="Del" danger onSelect={() => actions.remove(target)}>Delete</Item>
            </>
          )}
        </>
      );
    case "note":
      return edit ? (
        <>
          <Item id="duplicate" shortcut="Mod D" onSelect={() => actions.duplicate(target)}>Duplicate note</Item>
          <Item id="delete" shortcut="Del" danger onSelect={() => actions.remove(target)}>Delete note</Item>
        </>
      ) : (
        <Item id="fit-view" onSelect={actions.fitView}>Fit view</Item>
      );
    case "edge":
      return edit ? (
        <>
          <Item id="insert-node" onSelect={() => actions.insertOnEdge(target.id, target.client)}>Insert a node here…</Item>
          <Item id="delete" shortcut="Del" danger onSelect={() => actions.remove(target)}>Delete connection</Item>
        </>
      ) : (
        <Item id="fit-view" onSelect={actions.fitView}>Fit view</Item>
      );
    case "pane":
      return (
        <>
          {edit && (
            <>
              <Item id="add-node" onSelect={() => actions.addNode(target.client)}>Add node…</Item>
              <Item id="add-note" onSelect={() => actions.addNote(target.client)}>Add note</Item>
              <Item id="paste" shortcut="Mod V" onSelect={() => actions.paste(target.client)}>Paste</Item>
              <ContextMenu.Separator className="my-1 h-px bg-slate-100" />
              <Item id="auto-layout" onSelect={actions.layOut}>Auto layout</Item>
            </>
          )}
          <Item id="fit-view" onSelect={actions.fitView}>Fit view</Item>
        </>
      );
  }
}

function Item({ id, children, onSelect, shortcut, danger }: { id: string; children: ReactNode; onSelect: () => void; shortcut?: string; danger?: boolean }) {
  return (
    <ContextMenu.Item
      data-testid={`menu-${id}`}
      onSelect={onSelect}
      className={clsx(
        "flex cursor-default items-center justify-between gap-4 rounded px-2 py-1 outline-none select-none data-[highlighted]:bg-slate-100",
        danger && "text-red-700",
      )}
    >
      <span>{children}</span>
      {shortcut && <span className="text-[11px] text-slate-500">{shortcut.replace("Mod", "Ctrl/⌘")}</span>}
    </ContextMenu.Item>
  );
}

function targetOf(element: EventTarget | null, client: { x: number; y: number }): MenuTarget {
  if (!(element instanceof Element)) return { kind: "pane", client };
  const node = element.closest<HTMLElement>(".react-flow__node");
  if (node?.dataset.id) return { kind: node.classList.contains("react-flow__node-note") ? "note" : "node", id: node.dataset.id, client };
  const edge = element.closest<HTMLElement>(".react-flow__edge");
  if (edge?.dataset.id) return { kind: "edge", id: edge.dataset.id, client };
  // An edge's type chip and rate label sit in an HTML layer above the edge: they count as the edge.
  const label = element.closest<HTMLElement>("[data-edge-id]");
  if (label?.dataset.edgeId) return { kind: "edge", id: label.dataset.edgeId, client };
  return { kind: "pane", client };
}
