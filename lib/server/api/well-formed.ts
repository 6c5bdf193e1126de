/** A lone UTF-16 surrogate: text no UTF-8 encoder can write, which the database drivers refuse. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string is well-formed Unicode (no lone surrogates). */
export function isWellFormed(text: string): boolean {
  return !loneSurrogate.test(text);
}

/**
 * The path (`name.0.field`) of the first string or key in a parsed JSON value
 * that is not well-formed Unicode, or null. Walks with an explicit stack, so
 * deeply nested input cannot overflow the call stack.
 */
export function findMalformedString(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (!isWellFormed(current)) return path || "(body)";
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (current && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (!isWellFormed(key)) return itemPath;
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return null;
}
