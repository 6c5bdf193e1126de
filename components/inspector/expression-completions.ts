import { formatType, functionDefinitions, quoteIdentifier, RESERVED_WORDS, type RecordType, type Type } from "@/engine/expr";

/*
 * What the expression editor offers while typing, worked out without
 * CodeMirror so it can be tested alone: the fields of the node's input (with
 * their types, nested rows after a dot), the built-in functions (signature and
 * one-line doc from the function registry) and the keywords of the language.
 */

/** One suggestion, shaped like CodeMirror's `Completion` (plain data). */
export type ExpressionCompletion = {
  label: string;
  /** CodeMirror's icon class: `property` for a field, `function`, `keyword`. */
  type: "property" | "function" | "keyword";
  /** Shown beside the label: a field's type, a function's signature. */
  detail?: string;
  /** The longer text in the info box: a function's summary and example. */
  info?: string;
  /** What is inserted when it differs from the label (a quoted field name, `NAME(`). */
  apply?: string;
  /** Ranks fields first, then functions, then keywords. */
  boost: number;
};

/** The word being typed and where it starts, or null when the cursor is not in a completable place. */
export type CompletionContextText = { from: number; word: string; path: string[] } | null;

/**
 * Finds the word before `pos` in `text`: an identifier, possibly after a
 * dotted path of field names (`customer.add` → path `["customer"]`, word
 * `add`). Inside a string literal nothing is completed.
 */
export function completionWordAt(text: string, pos: number): CompletionContextText {
  const before = text.slice(0, pos);
  if (insideString(before)) return null;
  const match = /((?:(?:[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`)\.)*)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (!match) return null;
  const word = match[2] ?? "";
  const path = match[1] ? splitPath(match[1].slice(0, -1)) : [];
  return { from: pos - word.length, word, path };
}

/**
 * The suggestions for a word typed at a path (`[]` at the top level) against
 * the node's input type. At the top level: fields, functions and keywords; after
 * `row.`: only that row's fields. Filtering by the typed prefix is left to
 * CodeMirror's fuzzy matcher; `explicit` (Ctrl+Space) lists everything even
 * before a letter is typed.
 */
export function expressionCompletions(input: RecordType | null, at: { word: string; path: string[] }, explicit = false): ExpressionCompletion[] {
  if (at.path.length > 0) {
    const row = rowAt(input, at.path);
    return row ? fieldCompletions(row) : [];
  }
  if (at.word === "" && !explicit) return [];
  return [...(input ? fieldCompletions(input) : []), ...functionCompletions(), ...keywordCompletions()];
}

/** A field suggestion per field of the row; names that need them are backquoted. */
export function fieldCompletions(row: RecordType): ExpressionCompletion[] {
  return row.fields.map((field) => {
    const quoted = quoteIdentifier(field.name);
    return { label: field.name, type: "property", detail: formatType(field.type), boost: 3, ...(quoted !== field.name ? { apply: quoted } : {}) };
  });
}

let functionCache: ExpressionCompletion[] | null = null;

/** Every built-in function: `NAME(` is inserted, the signature shown beside it, the summary and example in the info box. */
export function functionCompletions(): ExpressionCompletion[] {
  functionCache ??= functionDefinitions().map((fn) => ({
    label: fn.name,
    type: "function",
    detail: fn.doc.signature.replace(/^[A-Z_0-9]+/, ""),
    info: `${fn.doc.summary}\nExample: ${fn.doc.example}`,
    apply: `${fn.name}(`,
    boost: 1,
  }));
  return functionCache;
}

/** The reserved words of the language (AND, CASE, CAST, IS NULL, …). */
export function keywordCompletions(): ExpressionCompletion[] {
  return [...RESERVED_WORDS].sort().map((word) => ({ label: word, type: "keyword", boost: 0 }));
}

/** The documentation of the function named `name` (any case), for hover tooltips; null for anything else. */
export function functionDoc(name: string): { name: string; signature: string; summary: string; example: string } | null {
  const fn = functionDefinitions().find((candidate) => candidate.name === name.toUpperCase());
  return fn ? { name: fn.name, ...fn.doc } : null;
}

/** The identifier around `pos` (for hover), with its span; null off a word. */
export function wordAround(text: string, pos: number): { from: number; to: number; word: string } | null {
  let from = pos;
  let to = pos;
  while (from > 0 && /[A-Za-z0-9_]/.test(text[from - 1]!)) from--;
  while (to < text.length && /[A-Za-z0-9_]/.test(text[to]!)) to++;
  if (from === to || !/^[A-Za-z_]/.test(text.slice(from, to))) return null;
  return { from, to, word: text.slice(from, to) };
}

function rowAt(input: RecordType | null, path: string[]): RecordType | null {
  let current: Type | null = input;
  for (const name of path) {
    if (current?.kind !== "ROW") return null;
    current = current.fields.find((field) => field.name === name)?.type ?? null;
  }
  return current?.kind === "ROW" ? current : null;
}

function splitPath(text: string): string[] {
  const parts: string[] = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)|`((?:[^`]|``)*)`/g;
  for (const match of text.matchAll(pattern)) parts.push(match[1] ?? match[2]!.replaceAll("``", "`"));
  return parts;
}

/** True when `text` ends inside a single-quoted string literal ('' escapes a quote). */
function insideString(text: string): boolean {
  let open = false;
  for (const char of text) if (char === "'") open = !open;
  return open;
}
