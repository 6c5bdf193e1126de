"use client";

import clsx from "clsx";
import { useState, type KeyboardEvent } from "react";

type PipelineNameInputProps = {
  name: string;
  onRename: (name: string) => void;
  pending: boolean;
  failed: boolean;
  /** A viewer reads the name but cannot change it. */
  readOnly?: boolean;
};

/** The pipeline's name as an inline-editable heading: Enter or leaving the field renames, Escape reverts. */
export function PipelineNameInput({ name, onRename, pending, failed, readOnly = false }: PipelineNameInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? name;

  function commit() {
    if (draft === null) return;
    const trimmed = draft.trim();
    setDraft(null);
    if (trimmed && trimmed !== name) onRename(trimmed);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") event.currentTarget.blur();
    if (event.key === "Escape") {
      setDraft(null);
      // Blurring after reverting must not rename, so the draft is dropped first.
      requestAnimationFrame(() => (event.target as HTMLInputElement).blur());
    }
  }

  return (
    <input
      aria-label="Pipeline name"
      data-testid="pipeline-name-input"
      value={value}
      maxLength={100}
      disabled={pending}
      readOnly={readOnly}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
      className={clsx(
        "nokey h-8 max-w-[40ch] min-w-[8ch] truncate rounded-md [field-sizing:content] border bg-transparent px-2 text-[15px] font-semibold text-slate-900 transition-colors",
        "hover:border-slate-300 focus:border-indigo-500 focus:bg-white focus:ring-2 focus:ring-indigo-100 focus:outline-none",
        failed ? "border-red-400" : "border-transparent",
      )}
    />
  );
}
