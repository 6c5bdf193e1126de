"use client";

import { createContext } from "react";
import type { NoteColor } from "@/engine/graph";

/** What a sticky note on the canvas may do to the document; null on a read-only canvas. */
export type NoteEditing = { updateNote: (noteId: string, patch: { text?: string; color?: NoteColor }) => void } | null;

export const NoteEditingContext = createContext<NoteEditing>(null);
