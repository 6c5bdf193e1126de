"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import clsx from "clsx";
import { memo, useContext, useState } from "react";
import Markdown, { type Components } from "react-markdown";
import { noteColors, noteLimits } from "@/engine/graph";
import type { NoteFlowNode } from "./flow-types";
import { noteColorStyles } from "./note-colors";
import { NoteEditingContext } from "./note-editing";

// Links open in a new tab and never carry the page's referrer; images are not fetched
// (a note must not load anything from elsewhere), their alt text shows instead.
const markdownComponents: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="italic">{alt ?? ""}</span>,
  // Tailwind's reset strips element styles; these give the subset its shape back.
  h1: ({ children }) => <p className="mb-1 text-sm font-semibold">{children}</p>,
  h2: ({ children }) => <p className="mb-1 text-[13px] font-semibold">{children}</p>,
  h3: ({ children }) => <p className="mb-1 font-semibold">{children}</p>,
  p: ({ children }) => <p className="mb-1">{children}</p>,
  ul: ({ children }) => <ul className="mb-1 list-disc pl-4">{children}</ul>,
  ol: ({ children }) => <ol className="mb-1 list-decimal pl-4">{children}</ol>,
  code: ({ children }) => <code className="rounded bg-black/5 px-0.5 font-mono">{children}</code>,
  blockquote: ({ children }) => <blockquote className="mb-1 border-l-2 border-black/10 pl-2">{children}</blockquote>,
};

/**
 * A sticky note on the canvas: markdown shown as formatted text (a safe subset: raw HTML is
 * dropped, images are not loaded), edited as plain text on double-click, resized by its
 * corners and recoloured from the swatches when selected. Not an operator: no ports.
 */
export const StickyNote = memo(function StickyNote({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const editing = useContext(NoteEditingContext);
  const [writing, setWriting] = useState(false);
  const styles = noteColorStyles[data.color];
  return (
    <div
      className={clsx("flex h-full w-full flex-col rounded-md border shadow-xs", styles.paper, selected && "ring-2 ring-indigo-300")}
      data-testid={`note-${id}`}
      onDoubleClick={() => editing && setWriting(true)}
    >
      {editing && <NodeResizer isVisible={selected} minWidth={noteLimits.minSize} minHeight={noteLimits.minSize} lineClassName="!border-indigo-300" handleClassName="!size-2.5 !border-indigo-400 !bg-white" />}
      {writing && editing ? (
        <textarea
          autoFocus
          aria-label="Note text (markdown)"
          data-testid="note-text"
          className="nodrag nowheel nopan h-full w-full flex-1 resize-none rounded-md bg-white/60 p-2 font-mono text-xs leading-5 text-slate-800 outline-none"
          value={data.text}
          maxLength={noteLimits.textLength}
          onChange={(event) => editing.updateNote(id, { text: event.target.value })}
          onBlur={() => setWriting(false)}
          onKeyDown={(event) => {
            // Escape ends editing; the text is already kept.
            if (event.key === "Escape") setWriting(false);
          }}
        />
      ) : (
        <div className="nowheel min-h-0 flex-1 overflow-auto p-2 text-xs leading-5 text-slate-800" data-testid="note-markdown">
          {data.text.trim() === "" ? (
            <p className="text-slate-500 italic">{editing ? "Double-click to write a note (markdown)" : "Empty note"}</p>
          ) : (
            <Markdown skipHtml components={markdownComponents}>
              {data.text}
            </Markdown>
          )}
        </div>
      )}
      {selected && editing && !writing && (
        <div className="flex gap-1 border-t border-black/5 px-2 py-1" role="group" aria-label="Note colour">
          {noteColors.map((color) => (
            <button
              key={color}
              type="button"
              aria-label={noteColorStyles[color].label}
              aria-pressed={color === data.color}
              data-testid={`note-color-${color}`}
              onClick={() => editing.updateNote(id, { color })}
              className={clsx("size-4 rounded-full border border-black/10", noteColorStyles[color].swatch, color === data.color && "ring-2 ring-indigo-400 ring-offset-1")}
            />
          ))}
        </div>
      )}
    </div>
  );
});
