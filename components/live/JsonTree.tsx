"use client";

import { JsonView, type Props as JsonViewProps } from "react-json-view-lite";

type StyleProps = NonNullable<JsonViewProps["style"]>;

// The library's stylesheet is not loaded: unlayered, it would beat Tailwind's utilities. These
// classes give the tree the app's mono type and a syntax palette free of status colours.
const treeStyle: StyleProps = {
  container: "font-mono text-[12px] leading-[18px] break-words whitespace-pre-wrap text-slate-800",
  basicChildStyle: "m-0 pl-4",
  childFieldsContainer: "m-0 p-0",
  label: "mr-1 text-slate-500",
  clickableLabel: "mr-1 cursor-pointer text-slate-500 hover:text-slate-900",
  nullValue: "text-slate-500 italic",
  undefinedValue: "text-slate-500 italic",
  stringValue: "text-sky-800",
  numberValue: "text-indigo-600",
  booleanValue: "text-fuchsia-700",
  otherValue: "text-slate-700",
  punctuation: "text-slate-500",
  // The expander hangs into the indent, so keys of nested and plain values line up.
  expandIcon: "-ml-3.5 inline-block w-3.5 cursor-pointer text-slate-500 select-none after:content-['▸'] hover:text-slate-700",
  collapseIcon: "-ml-3.5 inline-block w-3.5 cursor-pointer text-slate-500 select-none after:content-['▾'] hover:text-slate-700",
  collapsedContent: "mx-0.5 cursor-pointer text-slate-500 after:content-['…'] hover:text-slate-700",
  noQuotesForStringValues: false,
  quotesForFieldNames: false,
  ariaLables: { collapseJson: "Collapse", expandJson: "Expand" },
  stringifyStringValues: false,
};

type JsonTreeProps = {
  value: unknown;
  /** Levels open at first; deeper objects start collapsed. */
  expandLevels?: number;
  /** Names the tree for screen readers. */
  label: string;
  /** Lists the top-level fields without the enclosing braces, as n8n shows a record. */
  compact?: boolean;
};

/** A collapsible JSON tree (react-json-view-lite) in the app's type and colours; scalars render as one line. */
export function JsonTree({ value, expandLevels = 2, label, compact = false }: JsonTreeProps) {
  if (value === null || typeof value !== "object") {
    return <span className={scalarClass(value)}>{JSON.stringify(value) ?? String(value)}</span>;
  }
  return (
    // The root's own indent is taken back, so the tree starts at its container's edge.
    <div className="-ml-4">
      <JsonView
        data={value as object}
        style={treeStyle}
        shouldExpandNode={(level) => level < expandLevels}
        clickToExpandNode
        compactTopLevel={compact}
        aria-label={label}
      />
    </div>
  );
}

function scalarClass(value: unknown): string {
  const base = "font-mono text-[12px] leading-[18px] break-words";
  if (typeof value === "string") return `${base} text-sky-800`;
  if (typeof value === "number") return `${base} text-indigo-600`;
  if (typeof value === "boolean") return `${base} text-fuchsia-700`;
  return `${base} text-slate-500 italic`;
}
