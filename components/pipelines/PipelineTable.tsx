"use client";

import { type DashboardRow } from "@/lib/client/api/dashboard";
import { useNow } from "@/lib/client/use-now";
import { PipelineRow } from "./PipelineRow";

type PipelineTableProps = {
  rows: DashboardRow[];
  onRenamed: (id: string, name: string, updatedAt: string) => void;
  onDelete: (row: DashboardRow) => void;
  onStop: (row: DashboardRow) => void;
  onDeployed: () => void;
};

const headerCell = "py-2 pr-4 font-medium";

/** The dashboard's table: one row per pipeline, read left to right from "what is it" to "what runs". */
export function PipelineTable({ rows, onRenamed, onDelete, onStop, onDeployed }: PipelineTableProps) {
  const now = useNow();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      {/* Below 1280 px the columns narrow and the sparklines go, so a 1024 px window still shows the names
          and every action without scrolling (the figures and their tooltips stay). */}
      <table className="w-full min-w-[1080px] table-fixed text-sm max-xl:min-w-[920px]" data-testid="pipelines-table">
        <colgroup>
          <col />
          <col className="w-36 max-xl:w-32" />
          <col className="w-48 max-xl:w-24" />
          <col className="w-20 max-xl:w-[72px]" />
          <col className="w-20 max-xl:w-[72px]" />
          <col className="w-32 max-xl:w-28" />
          <col className="w-32 max-xl:w-28" />
          {/* Deploy or Stop, Monitor, Rename, Delete and Open side by side. */}
          <col className="w-[244px] max-xl:w-[212px]" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50/70 text-left text-xs text-slate-500">
            <th scope="col" className={`${headerCell} pl-4`}>
              Pipeline
            </th>
            <th scope="col" className={headerCell}>
              Status
            </th>
            <th scope="col" className={`${headerCell} text-right`} title="Records read from Kafka per second, over the last 5 seconds; the line covers the last 5 minutes">
              <span className="pr-[100px] max-xl:pr-0">Records/s</span>
            </th>
            <th scope="col" className={`${headerCell} text-right`} title="Records the sources are behind, over all partitions">
              Lag
            </th>
            <th scope="col" className={`${headerCell} text-right`} title="Records that failed since the deployment started">
              Errors
            </th>
            <th scope="col" className={headerCell}>
              Deployed
            </th>
            <th scope="col" className={headerCell}>
              Saved
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <PipelineRow key={row.id} row={row} now={now} onRenamed={onRenamed} onDelete={onDelete} onStop={onStop} onDeployed={onDeployed} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
