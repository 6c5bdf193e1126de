/*
 * Node data comes from saved documents and half-filled forms, so forms read it
 * defensively instead of trusting the types the schema would give valid data.
 */

/** A string field, or "" when it is missing or not a string. */
export function readString(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === "string" ? value : "";
}

/** A number field, or undefined when it is missing or not a number. */
export function readNumber(data: Record<string, unknown>, key: string): number | undefined {
  const value = data[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** A list of objects, or [] when it is missing; non-object entries become empty objects. */
export function readRecords(data: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = data[key];
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === "object" && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {}));
}

/** A nested object, or undefined when it is missing. */
export function readRecord(data: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = data[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A list of strings, or [] when it is missing. */
export function readStrings(data: Record<string, unknown>, key: string): string[] {
  const value = data[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
