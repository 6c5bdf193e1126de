"use client";

import type { PipelineSummary } from "@/lib/client/api-types";
import { useNow } from "@/lib/client/use-now";
import { PipelineRow } from "./PipelineRow";

type PipelineTableProps = {
  pipelines: PipelineSummary[];
  onRenamed: (pipeline: PipelineSummary) => void;
  onDelete: (pipeline: PipelineSummary) => void;
};

/** The scannable list of pipelines: name, description, version, size and freshness. */
export function PipelineTable({ pipelines, onRenamed, onDelete }: PipelineTableProps) {
  const now = useNow();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full min-w-[720px] table-fixed text-sm" data-testid="pipelines-table">
        <colgroup>
          <col className="w-[26%]" />
          <col />
          <col className="w-20" />
          <col className="w-20" />
          <col className="w-32" />
          <col className="w-32" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50/70 text-left text-xs font-medium text-slate-500">
            <th scope="col" className="py-2 pr-4 pl-4 font-medium">
              Name
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Description
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Version
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Nodes
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Updated
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pipelines.map((pipeline) => (
            <PipelineRow key={pipeline.id} pipeline={pipeline} now={now} onRenamed={onRenamed} onDelete={onDelete} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
