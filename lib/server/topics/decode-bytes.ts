import { isUtf8 } from "node:buffer";
import type { TopicFormat } from "@/lib/schemas/topics";

/** What the browser is shown of a key or value at most; the rest is cut (the size says how much there was). */
export const shownBytes = 64 * 1024;

export type DecodedBytes = { kind: "json" | "text" | "binary" | "null"; value: unknown; raw: string | null; size: number; truncated?: boolean };

/**
 * Decodes a key or value for filters and display: JSON when the format is
 * json (or auto and it parses), UTF-8 text, else bytes. `parsed` is what a
 * filter sees; the view adds the raw bytes as base64.
 */
export function decodeBytes(bytes: Buffer | null, format: TopicFormat): { kind: DecodedBytes["kind"]; parsed: unknown } {
  if (bytes === null) return { kind: "null", parsed: null };
  if (!isUtf8(bytes)) return { kind: "binary", parsed: null };
  const text = bytes.toString("utf8");
  if (format !== "text" && looksLikeJson(text)) {
    try {
      return { kind: "json", parsed: JSON.parse(text) };
    } catch {
      // Not JSON after all: shown as text (a json topic's bad record is still worth seeing).
    }
  }
  return { kind: "text", parsed: text };
}

/** The display form: the decoded value (cut to `shownBytes`) and the raw bytes as base64. */
export function viewBytes(bytes: Buffer | null, decoded: { kind: DecodedBytes["kind"]; parsed: unknown }): DecodedBytes {
  if (bytes === null) return { kind: "null", value: null, raw: null, size: 0 };
  const truncated = bytes.length > shownBytes;
  const shown = truncated ? bytes.subarray(0, shownBytes) : bytes;
  const value = truncated && decoded.kind !== "binary" ? shown.toString("utf8") : decoded.parsed;
  return { kind: truncated && decoded.kind === "json" ? "text" : decoded.kind, value, raw: shown.toString("base64"), size: bytes.length, ...(truncated ? { truncated } : {}) };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === "{" || first === "[" || first === '"' || first === "-" || (first !== undefined && first >= "0" && first <= "9") || text === "true" || text === "false" || text === "null";
}
