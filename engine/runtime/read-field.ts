/**
 * Reads a field by a dotted path (`customer.country`) using own properties
 * only, so names like `constructor` or `__proto__` are simply missing.
 * Missing fields read as null.
 */
export function readField(fields: Record<string, unknown>, path: string): unknown {
  if (!path.includes(".")) return Object.hasOwn(fields, path) ? fields[path] : null;
  let current: unknown = fields;
  for (const segment of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? null;
}

/** Builds a reader for a fixed path, splitting it once. */
export function fieldReader(path: string): (fields: Record<string, unknown>) => unknown {
  if (!path.includes(".")) return (fields) => (Object.hasOwn(fields, path) ? (fields[path] ?? null) : null);
  const segments = path.split(".");
  return (fields) => {
    let current: unknown = fields;
    for (const segment of segments) {
      if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) return null;
      current = (current as Record<string, unknown>)[segment];
    }
    return current ?? null;
  };
}
