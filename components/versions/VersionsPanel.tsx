"use client";

import clsx from "clsx";
import { Eye, GitCompareArrows, History, RotateCcw, Rocket, X } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { listVersions, type VersionSummary } from "@/lib/client/api/pipelines";
import { formatRelativeTime, formatTimestamp } from "@/lib/client/format-relative-time";
import { useApiResource } from "@/lib/client/use-api-resource";
import { useDeploymentStatus } from "@/lib/client/use-deployment-status";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { Select } from "@/components/ui/Select";

type VersionsPanelProps = {
  pipelineId: string;
  /** The editor's latest saved version: the list reloads when it changes. */
  savedVersion: number;
  canEdit: boolean;
  /** The version open on the canvas (read-only), or the two being compared. */
  showing: { version: number } | { from: number; to: number } | null;
  onView: (version: number) => void;
  onCompare: (from: number, to: number) => void;
  onRestore: (version: VersionSummary) => void;
  onDeploy: (version: number) => void;
  onClose: () => void;
};

/**
 * The pipeline's history beside the canvas: every saved version, newest first, with its
 * message, author, time and node count, and which one runs. From here a version opens
 * read-only on the canvas, two versions are compared on the canvas, and a version is
 * restored (saved again as the newest) or deployed.
 */
export function VersionsPanel({ pipelineId, savedVersion, canEdit, showing, onView, onCompare, onRestore, onDeploy, onClose }: VersionsPanelProps) {
  const load = useCallback((signal: AbortSignal) => listVersions(pipelineId, signal), [pipelineId]);
  const { state, reload } = useApiResource(load);
  const { deployment } = useDeploymentStatus(pipelineId);
  const now = useNow();

  // A save, a restore or a deploy changes the list (a new row, or the "deployed" marker).
  const deployedKey = `${deployment?.id ?? ""}:${deployment?.version ?? ""}:${deployment?.desiredState ?? ""}`;
  useEffect(() => reload(), [reload, savedVersion, deployedKey]);

  const versions = state.status === "ready" ? state.value : [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const newest = versions[0]?.version ?? null;
  const compareFrom = from ?? versions[1]?.version ?? null;
  const compareTo = to ?? newest;
  const options = versions.map((version) => ({ value: String(version.version), label: `v${version.version}${version.message ? ` · ${truncate(version.message, 28)}` : ""}` }));

  return (
    <aside className="flex w-[360px] shrink-0 flex-col border-l border-slate-200 bg-white" aria-labelledby="versions-title" data-testid="versions-panel">
      <div className="flex h-11 shrink-0 items-center gap-2 border-b border-slate-200 px-3">
        <History className="size-4 text-slate-500" aria-hidden="true" />
        <h2 id="versions-title" className="text-sm font-semibold text-slate-900">
          Versions
        </h2>
        <span className="text-xs text-slate-500">{versions.length > 0 ? `${versions.length} saved` : ""}</span>
        <IconButton label="Close the versions panel" icon={<X />} onClick={onClose} className="ml-auto" />
      </div>

      <div className="shrink-0 border-b border-slate-200 bg-slate-50 px-3 py-2.5" role="group" aria-label="Compare two versions">
        <div className="flex items-end gap-2">
          <label className="min-w-0 flex-1 text-[11px] font-medium text-slate-500">
            From
            <Select
              options={options}
              value={compareFrom === null ? "" : String(compareFrom)}
              onChange={(event) => setFrom(Number(event.target.value))}
              disabled={versions.length < 2}
              className="mt-0.5"
              data-testid="compare-from"
            />
          </label>
          <label className="min-w-0 flex-1 text-[11px] font-medium text-slate-500">
            To
            <Select
              options={options}
              value={compareTo === null ? "" : String(compareTo)}
              onChange={(event) => setTo(Number(event.target.value))}
              disabled={versions.length < 2}
              className="mt-0.5"
              data-testid="compare-to"
            />
          </label>
        </div>
        <Button
          size="sm"
          icon={<GitCompareArrows />}
          className="mt-2 w-full"
          disabled={compareFrom === null || compareTo === null || compareFrom === compareTo}
          title={compareFrom === compareTo ? "Pick two different versions" : `Show what changed from v${compareFrom} to v${compareTo} on the canvas`}
          onClick={() => compareFrom !== null && compareTo !== null && onCompare(compareFrom, compareTo)}
          data-testid="compare-versions"
        >
          Compare on the canvas
        </Button>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto">
        {state.status === "loading" && <p className="px-3 py-4 text-sm text-slate-500">Loading versions…</p>}
        {state.status === "error" && (
          <div role="alert" className="m-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            Could not load the versions: {state.message}{" "}
            <button type="button" className="font-medium underline" onClick={reload}>
              Try again
            </button>
          </div>
        )}
        <ol className="divide-y divide-slate-100" aria-label="Saved versions, newest first">
          {versions.map((version) => {
            const open = showing !== null && ("version" in showing ? showing.version === version.version : showing.from === version.version || showing.to === version.version);
            return (
              <li
                key={version.version}
                className={clsx("group px-3 py-2.5", open && "bg-indigo-50/60")}
                data-testid="version-row"
                data-version={version.version}
                data-deployed={version.deployed ? "true" : undefined}
              >
                <div className="flex items-center gap-2">
                  <span className="font-mono text-sm font-semibold text-slate-900">v{version.version}</span>
                  {version.version === newest && <span className="rounded bg-slate-100 px-1.5 text-[11px] font-medium text-slate-600">latest</span>}
                  {version.deployed && (
                    <span
                      className="inline-flex items-center gap-1 rounded-full border border-emerald-200 bg-emerald-50 px-1.5 text-[11px] font-medium text-emerald-700"
                      title={`Deployed on ${version.deployed.runtime} since ${formatTimestamp(version.deployed.since)} (${version.deployed.status})`}
                      data-testid="deployed-badge"
                    >
                      <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden="true" />
                      Deployed {formatRelativeTime(version.deployed.since, now)}
                    </span>
                  )}
                  <div className="ml-auto flex items-center">
                    <IconButton label={`View version ${version.version} on the canvas`} icon={<Eye />} onClick={() => onView(version.version)} data-testid="view-version" />
                    {canEdit && (
                      <>
                        <IconButton
                          label={version.version === newest ? "This is the latest version" : `Restore version ${version.version}`}
                          icon={<RotateCcw />}
                          disabled={version.version === newest}
                          onClick={() => onRestore(version)}
                          data-testid="restore-version"
                        />
                        <IconButton label={`Deploy version ${version.version}`} icon={<Rocket />} onClick={() => onDeploy(version.version)} data-testid="deploy-version" />
                      </>
                    )}
                  </div>
                </div>
                <p className={clsx("mt-0.5 text-sm break-words", version.message ? "text-slate-800" : "text-slate-500 italic")} data-testid="version-message">
                  {version.message || "No message"}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  <span data-testid="version-author">{version.author || "unknown author"}</span>
                  <span className="text-slate-300"> · </span>
                  <time dateTime={version.createdAt} title={formatTimestamp(version.createdAt)}>
                    {formatRelativeTime(version.createdAt, now)}
                  </time>
                  <span className="text-slate-300"> · </span>
                  {version.nodeCount} {version.nodeCount === 1 ? "node" : "nodes"}
                </p>
              </li>
            );
          })}
        </ol>
      </div>
    </aside>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
