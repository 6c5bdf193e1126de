"use client";

import clsx from "clsx";
import { Search } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { operatorList } from "@/engine/operators/registry";
import type { NodeTypeName } from "@/engine/graph";
import { categoryStyles, nodeTypeIcons } from "./node-appearance";
import { searchOperators } from "./operator-search";

/**
 * A small searchable list of operators opened at a point on the canvas: after dropping a
 * connection on empty canvas, for "Insert a node here" on an edge, and "Add node" on the
 * canvas menu. Typing filters, Enter picks the first match (or the highlighted one with the
 * arrow keys), Escape or a click elsewhere closes it.
 */
export function NodePicker({ at, title, onPick, onClose }: { at: { x: number; y: number }; title: string; onPick: (type: NodeTypeName) => void; onClose: () => void }) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchOperators(operatorList, query), [query]);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      if (box.current && !box.current.contains(event.target as Node)) onClose();
    }
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => document.removeEventListener("pointerdown", onPointerDown, true);
  }, [onClose]);

  return (
    <div
      ref={box}
      role="dialog"
      aria-label={title}
      data-testid="node-picker"
      className="absolute z-20 w-64 rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg"
      style={{ left: at.x, top: at.y }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <p className="px-1.5 pb-1 text-[11px] font-medium text-slate-500">{title}</p>
      <label className="flex items-center gap-1.5 rounded-md border border-slate-200 px-2 py-1 focus-within:border-indigo-400">
        <Search className="size-3.5 text-slate-500" aria-hidden="true" />
        <input
          autoFocus
          value={query}
          aria-label="Search operators"
          data-testid="node-picker-search"
          placeholder="Search operators"
          className="min-w-0 flex-1 bg-transparent text-sm outline-none"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown") {
              event.preventDefault();
              setActive((index) => Math.min(index + 1, matches.length - 1));
            } else if (event.key === "ArrowUp") {
              event.preventDefault();
              setActive((index) => Math.max(index - 1, 0));
            } else if (event.key === "Enter") {
              event.preventDefault();
              const picked = matches[active] ?? matches[0];
              if (picked) onPick(picked.type);
            }
          }}
        />
      </label>
      <ul className="mt-1 max-h-64 overflow-y-auto" role="listbox" aria-label="Operators">
        {matches.length === 0 && <li className="px-2 py-1.5 text-xs text-slate-500">No operator matches “{query}”.</li>}
        {matches.map((operator, index) => {
          const Icon = nodeTypeIcons[operator.type];
          return (
            <li key={operator.type} role="option" aria-selected={index === active}>
              <button
                type="button"
                data-testid={`node-picker-${operator.type}`}
                onClick={() => onPick(operator.type)}
                onMouseEnter={() => setActive(index)}
                className={clsx("flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-[13px] text-slate-800", index === active && "bg-slate-100")}
              >
                <span className={clsx("flex size-6 shrink-0 items-center justify-center rounded", categoryStyles[operator.category].iconTile)} aria-hidden="true">
                  <Icon className="size-3.5" />
                </span>
                <span className="min-w-0 truncate">{operator.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
