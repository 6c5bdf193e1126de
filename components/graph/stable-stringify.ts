/**
 * JSON with object keys sorted, so two documents with the same content compare equal
 * however their keys were inserted (editing a field and putting it back is not a change).
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, current: unknown) => {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return current;
    return Object.fromEntries(Object.entries(current).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
