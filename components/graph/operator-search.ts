/** What an operator is searched by: its type name, label and one-line hint. */
export type SearchableOperator = { type: string; label: string; hint: string };

/**
 * The operators matching `query`, best first: every word of the query must occur in the type,
 * label or hint (case-insensitive); a label starting with the query ranks above a label that
 * contains it, which ranks above a match in the hint only. Ties keep the given (palette) order.
 * An empty query matches everything in order.
 */
export function searchOperators<O extends SearchableOperator>(operators: readonly O[], query: string): O[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...operators];
  const whole = words.join(" ");
  return operators
    .map((operator, index) => {
      const label = operator.label.toLowerCase();
      const haystack = `${operator.type} ${label} ${operator.hint.toLowerCase()}`;
      if (!words.every((word) => haystack.includes(word))) return null;
      const rank = label.startsWith(whole) ? 0 : label.includes(whole) || operator.type.includes(whole) ? 1 : 2;
      return { operator, rank, index };
    })
    .filter((match) => match !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((match) => match.operator);
}
