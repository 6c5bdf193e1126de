import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { tags } from "@lezer/highlight";

/*
 * CodeMirror's own light theme hard-codes its colours (#708 keywords, #a11 strings, a white
 * tooltip), which the dark theme cannot reach. This one is written in the app's colour
 * variables, so it follows the light/dark switch with no reconfiguration of the editor.
 */
const chrome = EditorView.theme({
  "&": { color: "var(--color-slate-900)", backgroundColor: "var(--color-white)" },
  ".cm-content": { caretColor: "var(--color-slate-900)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--color-slate-900)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--color-indigo-100)",
  },
  ".cm-matchingBracket": { backgroundColor: "var(--color-slate-100)", outline: "1px solid var(--color-slate-300)" },
  ".cm-tooltip": {
    color: "var(--color-slate-900)",
    backgroundColor: "var(--color-white)",
    border: "1px solid var(--color-slate-200)",
    borderRadius: "6px",
    boxShadow: "0 8px 24px -8px rgb(0 0 0 / 0.25)",
  },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { color: "var(--color-slate-900)", backgroundColor: "var(--color-indigo-100)" },
  ".cm-placeholder": { color: "var(--color-slate-400)" },
});

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--color-violet-700)", fontWeight: "500" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--color-emerald-700)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--color-sky-700)" },
  { tag: [tags.operator, tags.punctuation], color: "var(--color-slate-600)" },
  { tag: tags.comment, color: "var(--color-slate-500)", fontStyle: "italic" },
  { tag: [tags.typeName, tags.standard(tags.name)], color: "var(--color-fuchsia-700)" },
  { tag: tags.invalid, color: "var(--color-red-600)" },
]);

/** The theme for every CodeMirror in the app (pass as `theme` to @uiw/react-codemirror). */
export const codeEditorTheme: Extension = [chrome, syntaxHighlighting(highlight)];
