"use client";

import clsx from "clsx";
import { ChevronRight, CircleAlert, Inbox, RefreshCw } from "lucide-react";
import { Fragment, useCallback, useEffect, useRef, useState } from "react";
import { formatRelativeTime } from "@/lib/client/format-relative-time";
import { useNow } from "@/lib/client/use-now";
import { listDeadLetters, type DeadLetterView } from "@/lib/client/api/deployments";
import { errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { Select } from "@/components/ui/Select";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { formatClockSeconds } from "@/lib/client/format-live";
import { JsonTree } from "./JsonTree";

type DeadLettersState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; topic: string; deadLetters: DeadLetterView[]; loadedAt: number };

type DeadLetterListProps = {
  pipelineId: string;
  /** Node titles by id, so rows name nodes as the canvas does. */
  nodeTitles?: Readonly<Record<string, string>>;
  /**
   * The engine's running count of dead letters (`LivePoint.counters.deadLetters`): when it
   * grows the list reloads itself, at most every 5 seconds.
   */
  knownCount?: number;
};

const autoRefreshMs = 5_000;

/**
 * The latest records the pipeline could not process, read from its dead-letter topic:
 * when, which node, the error code and message, where the record came from, and the
 * record itself on expanding a row. Filterable by node; refreshed on demand and when
 * the engine reports new failures (unless a record is open).
 */
export function DeadLetterList({ pipelineId, nodeTitles = {}, knownCount }: DeadLetterListProps) {
  const [state, setState] = useState<DeadLettersState>({ status: "loading" });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [nodeFilter, setNodeFilter] = useState("");
  const lastLoad = useRef(0);
  const openRows = useRef(0);
  const now = useNow(10_000);

  useEffect(() => {
    openRows.current = expanded.size;
  }, [expanded]);

  const load = useCallback(
    async ({ signal, automatic = false }: { signal?: AbortSignal; automatic?: boolean } = {}) => {
      setRefreshing(true);
      lastLoad.current = Date.now();
      try {
        const body = await listDeadLetters(pipelineId, signal);
        // A record opened while this reload was on its way: the reader's place wins over the news.
        if (automatic && openRows.current > 0) return;
        setState({ status: "ready", topic: body.topic, deadLetters: body.deadLetters, loadedAt: Date.now() });
        setRefreshError(null);
      } catch (error) {
        if (signal?.aborted) return;
        const message = errorMessage(error);
        // A failed refresh keeps the list on screen and says so beside it.
        setState((current) => (current.status === "ready" ? current : { status: "error", message }));
        setRefreshError(message);
      } finally {
        if (!signal?.aborted) setRefreshing(false);
      }
    },
    [pipelineId],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load({ signal: controller.signal });
    return () => controller.abort();
  }, [load]);

  // New rows would push an open record down while it is being read, so reloading waits until it is closed.
  const autoRefresh = expanded.size === 0;
  useEffect(() => {
    if (knownCount === undefined || !autoRefresh || state.status !== "ready") return;
    const wait = Math.max(0, lastLoad.current + autoRefreshMs - Date.now());
    const timer = window.setTimeout(() => void load({ automatic: true }), wait);
    return () => window.clearTimeout(timer);
    // Only a change of the count (or closing the last open record) schedules a reload; the list's own state must not.
  }, [knownCount, autoRefresh]);

  if (state.status === "loading") return <DeadLetterSkeleton />;
  if (state.status === "error") {
    return (
      <StatePanel
        icon={<CircleAlert />}
        tone="danger"
        title="Could not read the dead letters"
        actions={
          <Button icon={<RefreshCw />} onClick={() => void load()}>
            Try again
          </Button>
        }
        data-testid="dead-letters-error"
      >
        {state.message}
      </StatePanel>
    );
  }

  const nodeIds = [...new Set(state.deadLetters.map((letter) => letter.nodeId))];
  const shown = nodeFilter ? state.deadLetters.filter((letter) => letter.nodeId === nodeFilter) : state.deadLetters;
  const titleOf = (nodeId: string) => nodeTitles[nodeId] ?? nodeId;

  function toggle(key: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  return (
    <div className="flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white" data-testid="dead-letters">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2.5">
        <div className="min-w-0 flex-1">
          <p className="text-[13px] font-semibold text-slate-900">
            {state.deadLetters.length === 0
              ? "No failed records"
              : nodeFilter
                ? `${shown.length} of the ${state.deadLetters.length} latest failed records`
                : `${state.deadLetters.length} latest failed ${state.deadLetters.length === 1 ? "record" : "records"}`}
          </p>
          <p className="truncate text-xs text-slate-500">
            From <span className="font-mono">{state.topic}</span> · read at {formatClockSeconds(state.loadedAt)}
            {!autoRefresh && knownCount !== undefined && " · auto-refresh paused while a record is open"}
            {refreshError && <span className="text-red-600"> · refresh failed: {refreshError}</span>}
          </p>
        </div>
        {nodeIds.length > 1 && (
          <Select
            aria-label="Show failures of"
            value={nodeFilter}
            onChange={(event) => setNodeFilter(event.target.value)}
            options={[{ value: "", label: "All nodes" }, ...nodeIds.map((id) => ({ value: id, label: titleOf(id) }))]}
            className="w-48"
          />
        )}
        <Button icon={<RefreshCw className={clsx(refreshing && "animate-spin")} />} onClick={() => void load()} disabled={refreshing} data-testid="dead-letters-refresh">
          Refresh
        </Button>
      </div>

      {state.deadLetters.length === 0 ? (
        <StatePanel icon={<Inbox />} title="No failed records" data-testid="dead-letters-empty">
          Records a node cannot decode or evaluate are written to <span className="font-mono text-[13px] text-slate-800">{state.topic}</span> with
          their error, instead of stopping the pipeline. They will show up here.
        </StatePanel>
      ) : (
        <div className="min-h-0 overflow-auto">
          <table className="w-full min-w-[860px] table-fixed text-[13px]">
            <caption className="sr-only">Failed records, newest first</caption>
            <colgroup>
              <col className="w-9" />
              <col className="w-36" />
              <col className="w-44" />
              <col />
              <col className="w-56" />
            </colgroup>
            <thead>
              <tr className="border-b border-slate-200 text-left text-[11px] font-medium tracking-wide text-slate-500 uppercase">
                <th scope="col">
                  <span className="sr-only">Expand</span>
                </th>
                <th scope="col" className="py-2 font-medium">Time</th>
                <th scope="col" className="py-2 font-medium">Node</th>
                <th scope="col" className="py-2 font-medium">Error</th>
                <th scope="col" className="py-2 pr-4 font-medium">Origin</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((letter) => {
                const key = `${letter.location.partition}:${letter.location.offset}`;
                const open = expanded.has(key);
                return (
                  <Fragment key={key}>
                    <tr
                      className={clsx("cursor-pointer border-b border-slate-100 align-top", open ? "bg-slate-50" : "hover:bg-slate-50")}
                      onClick={() => toggle(key)}
                      data-testid="dead-letter-row"
                    >
                      <td className="py-2 pl-3">
                        <button
                          type="button"
                          aria-expanded={open}
                          aria-label={open ? "Hide the record" : "Show the record"}
                          onClick={(event) => {
                            event.stopPropagation();
                            toggle(key);
                          }}
                          className="flex size-5 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-700"
                        >
                          <ChevronRight className={clsx("size-3.5 transition-transform", open && "rotate-90")} aria-hidden="true" />
                        </button>
                      </td>
                      <td className="py-2 tabular-nums">
                        <time dateTime={new Date(letter.at).toISOString()} title={new Date(letter.at).toISOString()} className="block text-slate-800">
                          {formatClockSeconds(letter.at)}
                        </time>
                        <span className="text-xs text-slate-500">{formatRelativeTime(new Date(letter.at).toISOString(), now)}</span>
                      </td>
                      <td className="truncate py-2 pr-3">
                        <span className="block truncate font-medium text-slate-800">{titleOf(letter.nodeId)}</span>
                        <span className="block truncate font-mono text-[11px] text-slate-500">{letter.nodeId}</span>
                      </td>
                      <td className="py-2 pr-3">
                        <span className="flex items-center gap-1.5">
                          <span className="rounded bg-red-50 px-1.5 font-mono text-[11px] leading-5 text-red-700">{letter.code}</span>
                          {letter.detail && <span className="font-mono text-[11px] text-slate-500">{letter.detail}</span>}
                        </span>
                        <span className={clsx("mt-0.5 block text-slate-700", !open && "truncate")} title={letter.message}>
                          {letter.message || "No message"}
                        </span>
                      </td>
                      <td className="py-2 pr-4 font-mono text-xs text-slate-600 tabular-nums">
                        <span className="block truncate" title={letter.source.topic}>
                          {letter.source.topic || "—"}
                        </span>
                        <span className="text-slate-500">
                          partition {letter.source.partition} · offset {letter.source.offset}
                        </span>
                      </td>
                    </tr>
                    {open && (
                      <tr className="border-b border-slate-100 bg-slate-50">
                        <td />
                        <td colSpan={4} className="pr-4 pb-3">
                          <RecordValue value={letter.value} />
                          <p className="mt-2 text-[11px] text-slate-500">
                            Stored in <span className="font-mono">{state.topic}</span>, partition {letter.location.partition}, offset {letter.location.offset}
                          </p>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The failed record: a JSON tree when it parses, the text as it was otherwise (a decode error's bytes). */
function RecordValue({ value }: { value: string | null }) {
  if (value === null) return <p className="text-xs text-slate-500 italic">The record had no value.</p>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-[12px] leading-[18px] break-all whitespace-pre-wrap text-slate-800">{value}</pre>;
  }
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2.5 pl-7">
      <JsonTree value={parsed} expandLevels={3} label="Failed record" compact />
    </div>
  );
}

function DeadLetterSkeleton() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white" role="status" aria-label="Loading dead letters" data-testid="dead-letters-loading">
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <div className="flex flex-1 flex-col gap-1.5">
          <Skeleton className="h-3.5 w-44" />
          <Skeleton className="h-3 w-64" />
        </div>
        <Skeleton className="h-8 w-24" />
      </div>
      {Array.from({ length: 4 }, (_, index) => (
        <div key={index} className="flex items-center gap-6 border-b border-slate-100 px-4 py-3 last:border-b-0">
          <Skeleton className="h-3 w-20" />
          <Skeleton className="h-3 w-28" />
          <Skeleton className="h-3 flex-1" />
          <Skeleton className="h-3 w-40" />
        </div>
      ))}
    </div>
  );
}
