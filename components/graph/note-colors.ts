import type { NoteColor } from "@/engine/graph";

/** Each note colour's paper, border and swatch classes. Muted, so notes never read as a status. */
export const noteColorStyles: Record<NoteColor, { paper: string; swatch: string; label: string }> = {
  yellow: { paper: "bg-amber-50 border-amber-200", swatch: "bg-amber-200", label: "Yellow" },
  blue: { paper: "bg-sky-50 border-sky-200", swatch: "bg-sky-200", label: "Blue" },
  green: { paper: "bg-emerald-50 border-emerald-200", swatch: "bg-emerald-200", label: "Green" },
  pink: { paper: "bg-pink-50 border-pink-200", swatch: "bg-pink-200", label: "Pink" },
  grey: { paper: "bg-slate-50 border-slate-200", swatch: "bg-slate-200", label: "Grey" },
};
