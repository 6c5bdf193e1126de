"use client";

import { CircleAlert, CircleCheck, ShieldAlert, X } from "lucide-react";
import type { PipelineProblem } from "@/engine/graph";
import { IconButton } from "@/components/ui/IconButton";
import type { Refusal } from "./refusal";

type ProblemsPanelProps = {
  /** What validation finds in the graph on the canvas, as you type. */
  problems: readonly PipelineProblem[];
  /** The server's last refusal, shown above the list until dismissed. */
  refusal: Refusal | null;
  onDismissRefusal: () => void;
  onSelect: (problem: PipelineProblem) => void;
};

/** The drawer's Problems tab: every validation problem, clicking one jumps to where it is. */
export function ProblemsPanel({ problems, refusal, onDismissRefusal, onSelect }: ProblemsPanelProps) {
  const known = new Set(problems.map(problemKey));
  // The server usually finds what the canvas already lists; only what it adds is repeated in the banner.
  const serverOnly = refusal?.problems.filter((problem) => !known.has(problemKey(problem))) ?? [];
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="problems-panel">
      {refusal && (
        <div role="alert" className="flex shrink-0 items-start gap-2.5 border-b border-red-200 bg-red-50 py-2 pr-2 pl-4 text-[13px] text-red-900" data-testid="refusal">
          <ShieldAlert className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden="true" />
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              {refusal.action === "deploy" ? "Deploy refused" : "Preview refused"}: {refusal.problems.length}{" "}
              {refusal.problems.length === 1 ? "problem" : "problems"} to fix first
            </p>
            {serverOnly.length > 0 ? (
              <ul className="mt-1 flex flex-col gap-0.5 text-xs text-red-800">
                {serverOnly.map((problem, index) => (
                  <li key={`${index}:${problemKey(problem)}`}>
                    <button type="button" className="text-left hover:underline" onClick={() => onSelect(problem)} data-testid="refusal-problem">
                      {problem.message}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-0.5 text-xs text-red-800">{refusal.action === "deploy" ? "The latest saved version" : "The draft"} has the problems listed below.</p>
            )}
          </div>
          <IconButton label="Dismiss" icon={<X />} onClick={onDismissRefusal} />
        </div>
      )}
      {problems.length === 0 ? (
        !refusal && (
          <div className="flex flex-1 items-center justify-center gap-2 text-sm text-slate-500">
            <CircleCheck className="size-4 text-emerald-600" aria-hidden="true" />
            No problems. The pipeline is complete.
          </div>
        )
      ) : (
        <ul className="min-h-0 flex-1 overflow-y-auto py-1">
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
                  {problem.field && <span className="shrink-0 font-mono text-[11px] text-slate-500">{problem.field}</span>}
                  {target && <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">{target}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function problemKey(problem: PipelineProblem): string {
  return `${problem.code}|${problem.nodeId ?? ""}|${problem.edgeId ?? ""}|${problem.message}`;
}
