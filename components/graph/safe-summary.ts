import { findOperator } from "@/engine/graph";

/**
 * The one-line summary of a node for its card. `summarize()` is written for valid data,
 * but cards render half-filled forms too, so missing fields are filled from the type's
 * defaults first and anything that still throws falls back to a neutral line.
 */
export function safeSummary(type: string, data: Record<string, unknown>): string {
  const description = findOperator(type);
  if (!description) return "Unknown node type";
  try {
    // summarize() reads the fields it needs; half-filled data is completed from the defaults above.
    const summary = description.summarize({ ...description.defaults(), ...data });
    return summary.trim() || "Not configured";
  } catch {
    return "Not configured";
  }
}
