"use client";

import clsx from "clsx";
import { categoryLabels, nodeTypes, type NodeCategory, type NodeTypeName } from "@/engine/graph";
import { categoryStyles, nodeTypeIcons } from "@/components/graph/node-appearance";
import { paletteDragMimeType } from "@/components/graph/palette-drag";

const categoryOrder: NodeCategory[] = ["source", "transform", "aggregate", "sink"];

/**
 * The operators people can add, grouped by category and read from the registry.
 * Drag one onto the canvas, or click it to drop it in the middle of the view.
 */
export function Palette({ onAdd }: { onAdd: (type: NodeTypeName) => void }) {
  return (
    <aside aria-label="Operators" className="flex w-56 shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-white">
      <div className="px-4 pt-4 pb-1">
        <h2 className="text-xs font-semibold text-slate-900">Operators</h2>
        <p className="mt-0.5 text-xs text-slate-500">Drag onto the canvas or click to add</p>
      </div>
      {categoryOrder.map((category) => (
        <section key={category} aria-label={categoryLabels[category]} className="px-2 pt-3">
          <h3 className="px-2 pb-1 text-[11px] font-medium tracking-wide text-slate-400 uppercase">{categoryLabels[category]}</h3>
          <ul className="flex flex-col">
            {Object.values(nodeTypes)
              .filter((description) => description.category === category)
              .map((description) => (
                <li key={description.type}>
                  <PaletteItem type={description.type} onAdd={onAdd} />
                </li>
              ))}
          </ul>
        </section>
      ))}
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
