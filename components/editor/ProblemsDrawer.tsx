"use client";

import { CircleAlert, CircleCheck, X } from "lucide-react";
import type { PipelineProblem } from "@/engine/graph";
import { IconButton } from "@/components/ui/IconButton";

type ProblemsDrawerProps = {
  problems: readonly PipelineProblem[];
  onSelect: (problem: PipelineProblem) => void;
  onClose: () => void;
};

/** The bottom drawer listing every validation problem; clicking one jumps to where it is. */
export function ProblemsDrawer({ problems, onSelect, onClose }: ProblemsDrawerProps) {
  return (
    <section
      aria-label="Problems"
      data-testid="problems-panel"
      className="nokey flex h-56 shrink-0 flex-col border-t border-slate-200 bg-white"
    >
      <header className="flex h-9 shrink-0 items-center justify-between border-b border-slate-100 pr-2 pl-4">
        <h2 className="flex items-center gap-2 text-xs font-semibold text-slate-900">
          Problems
          <span className="rounded-full bg-slate-100 px-1.5 text-[11px] font-medium text-slate-600">{problems.length}</span>
        </h2>
        <IconButton label="Close problems" icon={<X />} onClick={onClose} />
      </header>
      {problems.length === 0 ? (
        <div className="flex flex-1 items-center justify-center gap-2 text-sm text-slate-500">
          <CircleCheck className="size-4 text-emerald-600" aria-hidden="true" />
          No problems. The pipeline is complete.
        </div>
      ) : (
        <ul className="flex-1 overflow-y-auto py-1">
          {problems.map((problem, index) => {
            const target = problem.nodeId ?? problem.edgeId;
            return (
              <li key={`${index}:${problem.code}:${problem.message}`}>
                <button
                  type="button"
                  data-testid="problem"
                  data-node-id={problem.nodeId}
                  data-code={problem.code}
                  disabled={!target}
                  onClick={() => onSelect(problem)}
                  className="flex w-full items-center gap-2.5 px-4 py-1.5 text-left text-[13px] hover:bg-slate-50 disabled:cursor-default disabled:hover:bg-transparent"
                >
                  <CircleAlert className="size-4 shrink-0 text-red-600" aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate text-slate-800" title={problem.message}>
                    {problem.message}
                  </span>
                  {problem.field && <span className="shrink-0 font-mono text-[11px] text-slate-400">{problem.field}</span>}
                  {target && (
                    <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">{target}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
