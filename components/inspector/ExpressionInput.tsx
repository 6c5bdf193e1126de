"use client";

import { acceptCompletion, autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { sql } from "@codemirror/lang-sql";
import { EditorState, Prec } from "@codemirror/state";
import { Decoration, EditorView, hoverTooltip, keymap } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import clsx from "clsx";
import { useMemo, useRef } from "react";
import type { RecordType } from "@/engine/expr";
import { completionWordAt, expressionCompletions, functionDoc, wordAround } from "./expression-completions";
import { useExpressionInputType } from "./expression-input-type";
import type { ExpressionSpan } from "./field-problems";
import { codeEditorTheme } from "@/components/ui/code-editor-theme";
import { useInspectorReadOnly } from "./read-only-context";

/** Where the expression reference lives (rendered from the function registry). */
export const expressionReferenceHref = "/docs/expressions";

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
  // Our own completion (below) replaces SQL keyword completion, which suggests words the language does not have.
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
  // Read through a ref so a changed input type reaches the completion source without rebuilding the editor.
  const inputType = useExpressionInputType();
  const inputRef = useRef<RecordType | null>(inputType);
  inputRef.current = inputType;
  const spansKey = errorSpans.map((span) => `${span.start}-${span.end}`).join(",");
  const extensions = useMemo(
    () => [
      sql(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-labelledby": labelledBy, spellcheck: "false" }),
      EditorView.decorations.of((view) => underline(errorSpans, view.state.doc.length)),
      ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [completions(() => inputRef.current)]),
      functionHover,
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
        theme={codeEditorTheme}
        minHeight="30px"
      />
    </div>
  );
}

/**
 * Completion of fields (with their types), functions (signature, one-line doc and a link to
 * the reference) and keywords. Enter or Tab accepts while the list is open; otherwise Tab
 * still leaves the field.
 */
function completions(input: () => RecordType | null) {
  const source = (context: CompletionContext): CompletionResult | null => {
    const at = completionWordAt(context.state.doc.toString(), context.pos);
    if (!at) return null;
    const options = expressionCompletions(input(), at, context.explicit).map((option) => ({
      ...option,
      info: option.info === undefined ? undefined : () => infoBox(option.info!),
    }));
    if (options.length === 0) return null;
    return { from: at.from, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
  return [
    autocompletion({ override: [source], activateOnTyping: true, icons: true, tooltipClass: () => "expression-completions" }),
    // acceptCompletion does nothing (and Tab moves on) when no list is open.
    Prec.highest(keymap.of([{ key: "Tab", run: acceptCompletion }])),
  ];
}

function infoBox(text: string): HTMLElement {
  const box = document.createElement("div");
  box.className = "expression-doc";
  const body = document.createElement("p");
  body.textContent = text;
  box.append(body, referenceLink());
  return box;
}

function referenceLink(): HTMLElement {
  const link = document.createElement("a");
  link.href = expressionReferenceHref;
  link.target = "_blank";
  link.rel = "noopener";
  link.textContent = "Expression reference";
  link.className = "expression-doc-link";
  return link;
}

/** Hovering a function name shows its signature and one-line doc. */
const functionHover = hoverTooltip((view, pos) => {
  const around = wordAround(view.state.doc.toString(), pos);
  const doc = around && functionDoc(around.word);
  if (!around || !doc) return null;
  return {
    pos: around.from,
    end: around.to,
    above: true,
    create: () => {
      const dom = document.createElement("div");
      dom.className = "expression-doc";
      dom.dataset.testid = "function-doc";
      const signature = document.createElement("code");
      signature.textContent = doc.signature;
      const summary = document.createElement("p");
      summary.textContent = doc.summary;
      dom.append(signature, summary, referenceLink());
      return { dom };
    },
  };
});

/** Marks each span, widening an empty one (an error at the end of the text) to the character before it. */
function underline(spans: readonly ExpressionSpan[], length: number) {
  const ranges = spans.flatMap(({ start, end }) => {
    const to = Math.min(Math.max(end, start + 1), length);
    const from = Math.max(Math.min(start, to - 1), 0);
    return from < to ? [errorMark.range(from, to)] : [];
  });
  return Decoration.set(ranges, true);
}
