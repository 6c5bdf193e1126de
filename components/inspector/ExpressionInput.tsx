"use client";

import { sql } from "@codemirror/lang-sql";
import { EditorState } from "@codemirror/state";
import { Decoration, EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import clsx from "clsx";
import { useMemo } from "react";
import type { ExpressionSpan } from "./field-problems";
import { useInspectorReadOnly } from "./read-only-context";

type ExpressionInputProps = {
  value: string;
  onChange: (value: string) => void;
  /** The id of the visible label: CodeMirror's editable area is not a form control a `<label for>` can reach. */
  labelledBy: string;
  placeholder?: string;
  invalid?: boolean;
  /** Parts of the text the expression checker rejected; they get a red wavy underline. */
  errorSpans?: readonly ExpressionSpan[];
  "data-testid"?: string;
};

const basicSetup = {
  lineNumbers: false,
  foldGutter: false,
  highlightActiveLine: false,
  highlightActiveLineGutter: false,
  highlightSelectionMatches: false,
  // SQL keyword completion suggests words our expression language does not have.
  autocompletion: false,
  searchKeymap: false,
  foldKeymap: false,
  completionKeymap: false,
  lintKeymap: false,
  crosshairCursor: false,
  rectangularSelection: false,
  dropCursor: false,
};

const errorMark = Decoration.mark({ class: "cm-expression-error" });
const noSpans: readonly ExpressionSpan[] = [];

/**
 * An expression field: a compact CodeMirror editor with SQL highlighting that wraps long
 * expressions instead of scrolling, styled like the other inputs. Tab leaves the field.
 */
export function ExpressionInput({
  value,
  onChange,
  labelledBy,
  placeholder,
  invalid,
  errorSpans = noSpans,
  "data-testid": testId,
}: ExpressionInputProps) {
  const readOnly = useInspectorReadOnly();
  const spansKey = errorSpans.map((span) => `${span.start}-${span.end}`).join(",");
  const extensions = useMemo(
    () => [
      sql(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-labelledby": labelledBy, spellcheck: "false" }),
      EditorView.decorations.of((view) => underline(errorSpans, view.state.doc.length)),
      ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
    ],
    // The spans are compared by content so typing does not reconfigure the editor needlessly.
    [labelledBy, spansKey, readOnly],
  );
  return (
    <div
      data-testid={testId}
      aria-invalid={invalid || undefined}
      className={clsx(
        "expression-editor min-w-0 rounded-md border shadow-xs transition-colors focus-within:ring-2",
        invalid
          ? "border-red-400 focus-within:border-red-500 focus-within:ring-red-100"
          : "border-slate-300 hover:border-slate-400 focus-within:border-indigo-500 focus-within:ring-indigo-100",
      )}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        basicSetup={basicSetup}
        indentWithTab={false}
        placeholder={placeholder}
        theme="light"
        minHeight="30px"
      />
    </div>
  );
}

/** Marks each span, widening an empty one (an error at the end of the text) to the character before it. */
function underline(spans: readonly ExpressionSpan[], length: number) {
  const ranges = spans.flatMap(({ start, end }) => {
    const to = Math.min(Math.max(end, start + 1), length);
    const from = Math.max(Math.min(start, to - 1), 0);
    return from < to ? [errorMark.range(from, to)] : [];
  });
  return Decoration.set(ranges, true);
}
