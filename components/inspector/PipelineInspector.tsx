"use client";

import type { ReactNode } from "react";
import { useShortcutModifier } from "@/lib/client/use-shortcut-modifier";
import { Kbd } from "@/components/ui/Kbd";

type PipelineInspectorProps = {
  description: string;
  nodeCount: number;
  edgeCount: number;
  problemCount: number;
  /** How many nodes are selected; several at once get no form, only a hint. */
  selectedCount: number;
};

/** What the inspector shows when no single node is selected: the pipeline itself and how to work with it. */
export function PipelineInspector({ description, nodeCount, edgeCount, problemCount, selectedCount }: PipelineInspectorProps) {
  const mod = useShortcutModifier();
  return (
    <div className="flex flex-col gap-6 p-4" data-testid="pipeline-inspector">
      {selectedCount > 1 ? (
        <section>
          <h2 className="text-sm font-semibold text-slate-900">{selectedCount} nodes selected</h2>
          <p className="mt-1 text-xs leading-5 text-slate-500">Drag to move them together, or press Delete to remove them. Select one node to edit it.</p>
        </section>
      ) : (
        <section>
          <h2 className="text-sm font-semibold text-slate-900">Pipeline</h2>
          <p className="mt-1 text-xs leading-5 text-slate-600">{description || <span className="text-slate-500">No description.</span>}</p>
        </section>
      )}

      <dl className="grid grid-cols-3 divide-x divide-slate-200 rounded-md border border-slate-200 bg-white">
        <Stat label="Nodes" value={nodeCount} />
        <Stat label="Connections" value={edgeCount} />
        <Stat label="Problems" value={problemCount} tone={problemCount > 0 ? "danger" : "neutral"} />
      </dl>

      {nodeCount === 0 ? (
        <section>
          <h3 className="text-xs font-semibold text-slate-900">Getting started</h3>
          <ol className="mt-2 flex list-decimal flex-col gap-1.5 pl-4 text-xs leading-5 text-slate-600">
            <li>Add a Kafka source and set the topic to read.</li>
            <li>Add operators and connect each output (right) to the next input (left).</li>
            <li>Finish with a Kafka sink, then save.</li>
          </ol>
        </section>
      ) : (
        <p className="text-xs leading-5 text-slate-500">Select a node to configure it. Problems list what must be fixed before the pipeline can run.</p>
      )}

      <section>
        <h3 className="text-xs font-semibold text-slate-900">Shortcuts</h3>
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-xs text-slate-600">
          <Shortcut action="Save" keys={<><Kbd>{mod}</Kbd> <Kbd>S</Kbd></>} />
          <Shortcut action="Undo" keys={<><Kbd>{mod}</Kbd> <Kbd>Z</Kbd></>} />
          <Shortcut action="Redo" keys={<><Kbd>{mod}</Kbd> <Kbd>Shift</Kbd> <Kbd>Z</Kbd></>} />
          <Shortcut action="Delete selection" keys={<><Kbd>Del</Kbd> <Kbd>⌫</Kbd></>} />
          <Shortcut action="Select several" keys={<><Kbd>Shift</Kbd> drag</>} />
        </dl>
      </section>
    </div>
  );
}

function Stat({ label, value, tone = "neutral" }: { label: string; value: number; tone?: "neutral" | "danger" }) {
  return (
    <div className="flex flex-col gap-0.5 px-3 py-2">
      <dt className="text-[11px] text-slate-500">{label}</dt>
      <dd className={tone === "danger" ? "text-base font-semibold text-red-600" : "text-base font-semibold text-slate-900"}>{value}</dd>
    </div>
  );
}

function Shortcut({ action, keys }: { action: string; keys: ReactNode }) {
  return (
    <>
      <dt>{action}</dt>
      <dd className="flex items-center gap-0.5 text-slate-500">{keys}</dd>
    </>
  );
}
