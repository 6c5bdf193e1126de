"use client";

import { useCallback, useRef, useState } from "react";

/** Typing in one field within this long counts as one step, so undo does not go letter by letter. */
const coalesceWindowMs = 1_500;
const maxSteps = 100;

/**
 * Undo/redo over whole snapshots. Call `record(current)` just before a change; a
 * `coalesceKey` (for example the field being typed in) folds a burst of edits into one step.
 */
export function useUndoHistory<Snapshot>() {
  const past = useRef<Snapshot[]>([]);
  const future = useRef<Snapshot[]>([]);
  const last = useRef<{ key: string; at: number } | null>(null);
  const [available, setAvailable] = useState({ undo: false, redo: false });
  const publish = useCallback(() => setAvailable({ undo: past.current.length > 0, redo: future.current.length > 0 }), []);

  const record = useCallback(
    (current: Snapshot, coalesceKey?: string) => {
      const now = Date.now();
      const previous = last.current;
      last.current = coalesceKey ? { key: coalesceKey, at: now } : null;
      if (coalesceKey && previous?.key === coalesceKey && now - previous.at < coalesceWindowMs) return;
      past.current = [...past.current.slice(-(maxSteps - 1)), current];
      future.current = [];
      publish();
    },
    [publish],
  );

  /** Returns the snapshot to restore, or null when there is nothing to undo. */
  const undo = useCallback(
    (current: Snapshot): Snapshot | null => {
      const previous = past.current.at(-1);
      if (previous === undefined) return null;
      past.current = past.current.slice(0, -1);
      future.current = [...future.current, current];
      last.current = null;
      publish();
      return previous;
    },
    [publish],
  );

  /** Returns the snapshot to restore, or null when there is nothing to redo. */
  const redo = useCallback(
    (current: Snapshot): Snapshot | null => {
      const next = future.current.at(-1);
      if (next === undefined) return null;
      future.current = future.current.slice(0, -1);
      past.current = [...past.current, current];
      last.current = null;
      publish();
      return next;
    },
    [publish],
  );

  return { record, undo, redo, canUndo: available.undo, canRedo: available.redo };
}
