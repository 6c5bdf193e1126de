"use client";

import clsx from "clsx";
import { Search, StickyNote } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { categoryLabels, nodeTypes, type NodeCategory, type NodeTypeName } from "@/engine/graph";
import { operatorList } from "@/engine/operators/registry";
import { categoryStyles, nodeTypeIcons } from "@/components/graph/node-appearance";
import { notePaletteType, paletteDragMimeType } from "@/components/graph/palette-drag";
import { Kbd } from "@/components/ui/Kbd";
import { searchOperators } from "@/components/graph/operator-search";

const categoryOrder: NodeCategory[] = ["source", "transform", "aggregate", "sink"];

/**
 * The operators people can add, grouped by category and read from the registry, plus a
 * sticky note. Drag one onto the canvas, or click it to drop it in the middle of the view.
 * The search box (`/` focuses it) filters by name and hint; Enter adds the first match.
 */
export function Palette({ onAdd, onAddNote }: { onAdd: (type: NodeTypeName) => void; onAddNote: () => void }) {
  const [query, setQuery] = useState("");
  const search = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => searchOperators(operatorList, query), [query]);
  const shown = new Set(matches.map((operator) => operator.type));

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      event.preventDefault();
      search.current?.focus();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <aside aria-label="Operators" className="flex w-56 shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-white">
      <div className="px-4 pt-4 pb-1">
        <h2 className="text-xs font-semibold text-slate-900">Operators</h2>
        <p className="mt-0.5 text-xs text-slate-500">Drag onto the canvas or click to add</p>
      </div>
      <div className="px-3 pt-2">
        <label className="flex items-center gap-1.5 rounded-md border border-slate-200 px-2 py-1 focus-within:border-indigo-400">
          <Search className="size-3.5 shrink-0 text-slate-500" aria-hidden="true" />
          <input
            ref={search}
            type="search"
            value={query}
            aria-label="Search operators"
            placeholder="Search"
            data-testid="palette-search"
            className="min-w-0 flex-1 bg-transparent text-xs outline-none"
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && matches[0]) {
                event.preventDefault();
                onAdd(matches[0].type);
              } else if (event.key === "Escape") {
                setQuery("");
                search.current?.blur();
              }
            }}
          />
          {query === "" && <Kbd>/</Kbd>}
        </label>
      </div>
      {matches.length === 0 && <p className="px-4 pt-3 text-xs text-slate-500" data-testid="palette-no-match">No operator matches “{query}”.</p>}
      {categoryOrder.map((category) => {
        const entries = Object.values(nodeTypes).filter((description) => description.category === category && shown.has(description.type));
        if (entries.length === 0) return null;
        return (
          <section key={category} aria-label={categoryLabels[category]} className="px-2 pt-3">
            <h3 className="px-2 pb-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">{categoryLabels[category]}</h3>
            <ul className="flex flex-col">
              {entries.map((description) => (
                <li key={description.type}>
                  <PaletteItem type={description.type} onAdd={onAdd} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {query === "" && (
        <section aria-label="Annotations" className="px-2 pt-3 pb-3">
          <h3 className="px-2 pb-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Annotations</h3>
          <button
            type="button"
            draggable
            data-testid="palette-note"
            title="Sticky note: markdown text on the canvas; it does not run"
            onClick={onAddNote}
            onDragStart={(event) => {
              event.dataTransfer.setData(paletteDragMimeType, notePaletteType);
              event.dataTransfer.effectAllowed = "move";
            }}
            className="group flex w-full cursor-grab items-start gap-2.5 rounded-md px-2 py-1.5 text-left transition-colors hover:bg-slate-100 active:cursor-grabbing"
          >
            <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md bg-amber-50 text-amber-600" aria-hidden="true">
              <StickyNote className="size-4" />
            </span>
            <span className="min-w-0">
              <span className="block text-[13px] leading-5 font-medium text-slate-800">Note</span>
              <span className="block text-xs leading-4 text-slate-500">Markdown text on the canvas</span>
            </span>
          </button>
        </section>
      )}
    </aside>
  );
}

function PaletteItem({ type, onAdd }: { type: NodeTypeName; onAdd: (type: NodeTypeName) => void }) {
  const description = nodeTypes[type];
  const Icon = nodeTypeIcons[type];
  return (
    <button
      type="button"
      draggable
      data-testid={`palette-${type}`}
      title={`${description.label}: ${description.hint}`}
      onClick={() => onAdd(type)}
      onDragStart={(event) => {
        event.dataTransfer.setData(paletteDragMimeType, type);
        event.dataTransfer.effectAllowed = "move";
      }}
      className="group flex w-full cursor-grab items-start gap-2.5 rounded-md px-2 py-1.5 text-left transition-colors hover:bg-slate-100 active:cursor-grabbing"
    >
      <span
        className={clsx("mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md", categoryStyles[description.category].iconTile)}
        aria-hidden="true"
      >
        <Icon className="size-4" />
      </span>
      <span className="min-w-0">
        <span className="block text-[13px] leading-5 font-medium text-slate-800">{description.label}</span>
        <span className="block text-xs leading-4 text-slate-500">{description.hint}</span>
      </span>
    </button>
  );
}
