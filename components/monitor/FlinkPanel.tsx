"use client";

import { History, LoaderCircle, Scaling } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { getCheckpoints, rescalePipeline, type CheckpointsResponse } from "@/lib/client/api/deployments";
import type { DeploymentStatusHandle } from "@/lib/client/use-deployment-status";
import { formatDuration } from "@/lib/client/format-live";
import { formatRelativeTime } from "@/lib/client/format-relative-time";
import { Button } from "@/components/ui/Button";

/** How often the checkpoint figures are read again while the panel is shown. */
const refreshMs = 3_000;

/** Seconds for the recent past (a checkpoint every few seconds), relative words beyond. */
function ago(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((Math.max(now, at) - at) / 1000));
  return seconds < 120 ? `${seconds} s ago` : formatRelativeTime(new Date(at).toISOString(), now);
}

function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The Monitor's panel for a pipeline that runs on Flink: the job's parallelism
 * with a rescale control (stop with a savepoint, resume at the new
 * parallelism), the last completed checkpoint (id, time, duration, size), the
 * checkpoint counts and recent failures, and the savepoints the pipeline's jobs
 * were stopped with, each restorable with a deploy.
 */
export function FlinkPanel({ pipelineId, status, now }: { pipelineId: string; status: DeploymentStatusHandle; now: number }) {
  const { deployment } = status;
  const [data, setData] = useState<CheckpointsResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [target, setTarget] = useState("");
  const [pending, setPending] = useState<"rescale" | "restore" | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setData(await getCheckpoints(pipelineId, signal));
        setLoadError(null);
      } catch (error) {
        if (!signal?.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      }
    },
    [pipelineId],
  );

  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    const timer = setInterval(() => void load(abort.signal), refreshMs);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [load, deployment?.id]);

  const parallelism = deployment?.flink?.parallelism ?? null;
  const running = deployment?.desiredState === "running" && deployment.runtime === "flink";
  const wanted = Number(target);
  const canRescale = running && pending === null && Number.isInteger(wanted) && wanted >= 1 && wanted !== parallelism;

  async function rescale() {
    setPending("rescale");
    setActionError(null);
    try {
      await rescalePipeline(pipelineId, wanted);
      setTarget("");
      status.refresh();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(null);
    }
  }

  async function restore(path: string) {
    setPending("restore");
    setActionError(null);
    const error = await status.deploy({ runtime: "flink", restoreSavepoint: path, ...(parallelism ? { parallelism } : {}) });
    if (error) setActionError(error.message);
    setPending(null);
  }

  const latest = data?.latest ?? null;
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Flink job" data-testid="flink-panel">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-[13px] font-semibold text-slate-900">
          Flink job{" "}
          <span className="font-normal text-slate-500">
            · parallelism <span data-testid="flink-parallelism">{parallelism ?? "—"}</span>
            {deployment?.flink?.maxParallelism ? ` of max ${deployment.flink.maxParallelism}` : ""}
            {deployment?.flink?.checkpointIntervalMs ? ` · checkpoints every ${formatDuration(deployment.flink.checkpointIntervalMs)}` : ""}
          </span>
        </h2>
        <form
          className="flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (canRescale) void rescale();
          }}
        >
          <label className="text-xs text-slate-600" htmlFor="flink-rescale-input">
            Rescale to
          </label>
          <input
            id="flink-rescale-input"
            type="number"
            min={1}
            max={256}
            value={target}
            placeholder={parallelism ? String(parallelism) : "n"}
            onChange={(event) => setTarget(event.target.value)}
            disabled={!running}
            className="w-16 rounded-md border border-slate-300 px-2 py-1 text-sm tabular-nums disabled:bg-slate-50"
            data-testid="flink-rescale-input"
          />
          <Button
            size="sm"
            type="submit"
            icon={pending === "rescale" ? <LoaderCircle className="animate-spin" /> : <Scaling />}
            disabled={!canRescale}
            title={running ? "Stop the job with a savepoint and resume it at this parallelism" : "Only a running Flink deployment can be rescaled"}
            data-testid="flink-rescale"
          >
            Rescale
          </Button>
        </form>
      </header>
      {actionError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-700" data-testid="flink-action-error">
          {actionError}
        </p>
      )}
      {loadError && <p className="text-xs text-slate-500">Checkpoints could not be read: {loadError}</p>}

      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm @3xl:grid-cols-4" data-testid="flink-last-checkpoint">
        <Figure label="Last checkpoint" value={latest ? `#${latest.id}${latest.savepoint ? " (savepoint)" : ""}` : "none yet"} testId="flink-checkpoint-id" />
        <Figure label="Completed" value={latest ? ago(latest.triggeredAt + (latest.durationMs ?? 0), now) : "—"} />
        <Figure label="Duration" value={latest?.durationMs != null ? formatDuration(latest.durationMs) : "—"} />
        <Figure label="Size" value={formatBytes(latest?.sizeBytes ?? null)} />
        <Figure label="Checkpoints completed" value={String(data?.counts.completed ?? 0)} testId="flink-checkpoints-completed" />
        <Figure label="Failed" value={String(data?.counts.failed ?? 0)} tone={(data?.counts.failed ?? 0) > 0 ? "danger" : undefined} />
        <Figure label="In progress" value={String(data?.counts.inProgress ?? 0)} />
        <Figure label="Restored" value={String(data?.counts.restored ?? 0)} />
      </dl>

      {data && data.failures.length > 0 && (
        <div>
          <h3 className="text-xs font-medium text-slate-700">Recent checkpoint failures</h3>
          <ul className="mt-1 flex flex-col gap-0.5 text-xs text-slate-600">
            {data.failures.map((failure) => (
              <li key={failure.id}>
                #{failure.id}, {formatRelativeTime(new Date(failure.triggeredAt).toISOString(), now)}: {failure.failureMessage ?? "no reason given"}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div>
        <h3 className="text-xs font-medium text-slate-700">Savepoints</h3>
        {data && data.savepoints.length > 0 ? (
          <ul className="mt-1 flex flex-col divide-y divide-slate-100 text-xs" data-testid="flink-savepoints">
            {data.savepoints.map((savepoint) => (
              <li key={savepoint.path} className="flex items-center justify-between gap-3 py-1.5">
                <span className="min-w-0 truncate text-slate-600" title={savepoint.path}>
                  v{savepoint.version} · {formatRelativeTime(savepoint.at, now)} · parallelism {savepoint.parallelism ?? "—"} ·{" "}
                  <span className="font-mono">{savepoint.path.split("/").filter(Boolean).at(-1)}</span>
                </span>
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<History />}
                  disabled={pending !== null}
                  onClick={() => void restore(savepoint.path)}
                  title="Deploy on Flink starting from this savepoint"
                  data-testid="flink-restore"
                >
                  Restore
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-xs text-slate-500">None yet: a stop or a rescale takes one.</p>
        )}
      </div>
    </section>
  );
}

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: "danger"; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-xs text-slate-500">{label}</dt>
      <dd className={tone === "danger" ? "font-medium text-red-600 tabular-nums" : "font-medium text-slate-900 tabular-nums"} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
