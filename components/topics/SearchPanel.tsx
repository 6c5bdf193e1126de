"use client";

import { CircleAlert, Play, Square, StepForward } from "lucide-react";
import { useId, useRef, useState } from "react";
import { searchTopic, type SearchBody, type SearchEvent, type TopicMessage } from "@/lib/client/api/topics";
import { errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { MessageList } from "./MessageList";

type End = Extract<SearchEvent, { type: "end" }>;
type Progress = End["progress"];

const reasons: Record<End["reason"], string> = {
  end: "Searched to the end of the range.",
  records: "Stopped at the record bound.",
  time: "Stopped at the time bound.",
  matches: "Stopped at the match limit.",
  cancelled: "Cancelled.",
};

/**
 * The message search: a filter in the expression language, a partition,
 * offset or time range, and bounds. Matches and progress stream in; the
 * search can be cancelled, and continued from where a bound stopped it.
 */
export function SearchPanel({ topic, partitions, connection }: { topic: string; partitions: number; connection?: string }) {
  const [filter, setFilter] = useState("");
  const [partition, setPartition] = useState("");
  const [fromOffset, setFromOffset] = useState("");
  const [toOffset, setToOffset] = useState("");
  const [fromTime, setFromTime] = useState("");
  const [toTime, setToTime] = useState("");
  const [maxRecords, setMaxRecords] = useState("200000");
  const [matches, setMatches] = useState<TopicMessage[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [end, setEnd] = useState<End | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const ids = { filter: useId(), partition: useId(), from: useId(), to: useId(), fromTime: useId(), toTime: useId(), max: useId() };

  async function run(cursor?: End["cursor"]) {
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    setEnd(null);
    if (!cursor) setMatches([]);
    const body: SearchBody = {
      filter,
      maxRecords: Number(maxRecords) || 200_000,
      maxMatches: 500,
      ...(partition ? { partition: Number(partition) } : {}),
      ...(fromOffset ? { fromOffset } : {}),
      ...(toOffset ? { toOffset } : {}),
      ...(fromTime ? { fromTime: new Date(fromTime).getTime() } : {}),
      ...(toTime ? { toTime: new Date(toTime).getTime() } : {}),
      ...(cursor ? { cursor } : {}),
    };
    try {
      await searchTopic(
        topic,
        body,
        (event) => {
          if (event.type === "progress") setProgress(event.progress);
          else if (event.type === "match") setMatches((list) => [...list, event.message]);
          else if (event.type === "end") {
            setProgress(event.progress);
            setEnd(event);
          } else setError(event.message);
        },
        { connection, signal: controller.signal },
      );
    } catch (failure) {
      if (!controller.signal.aborted) setError(errorMessage(failure));
    } finally {
      setRunning(false);
      abort.current = null;
    }
  }

  function cancel() {
    abort.current?.abort();
    setEnd((current) => current ?? null);
  }

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.scanned / progress.total) * 100)) : 0;
  return (
    <section aria-label="Search messages" className="space-y-3" data-testid="search-panel">
      <form
        className="grid grid-cols-12 gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (!running) void run();
        }}
      >
        <div className="col-span-12">
          <FormField label="Filter" htmlFor={ids.filter} hint="An expression: value fields, key, headers.<name>, partition, offset, timestamp. Empty: every record.">
            <TextInput id={ids.filter} className="font-mono" placeholder="amount > 100 AND country = 'US'" value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="search-filter" spellCheck={false} />
          </FormField>
        </div>
        <div className="col-span-2">
          <FormField label="Partition" htmlFor={ids.partition}>
            <Select id={ids.partition} value={partition} onChange={(event) => setPartition(event.target.value)} options={[{ value: "", label: "All" }, ...Array.from({ length: partitions }, (_, i) => ({ value: String(i), label: String(i) }))]} />
          </FormField>
        </div>
        <div className="col-span-2">
          <FormField label="From offset" htmlFor={ids.from}>
            <TextInput id={ids.from} inputMode="numeric" placeholder="start" value={fromOffset} onChange={(event) => setFromOffset(event.target.value.trim())} />
          </FormField>
        </div>
        <div className="col-span-2">
          <FormField label="To offset" htmlFor={ids.to}>
            <TextInput id={ids.to} inputMode="numeric" placeholder="end" value={toOffset} onChange={(event) => setToOffset(event.target.value.trim())} />
          </FormField>
        </div>
        <div className="col-span-2">
          <FormField label="From time" htmlFor={ids.fromTime}>
            <TextInput id={ids.fromTime} type="datetime-local" value={fromTime} onChange={(event) => setFromTime(event.target.value)} />
          </FormField>
        </div>
        <div className="col-span-2">
          <FormField label="To time" htmlFor={ids.toTime}>
            <TextInput id={ids.toTime} type="datetime-local" value={toTime} onChange={(event) => setToTime(event.target.value)} />
          </FormField>
        </div>
        <div className="col-span-2">
          <FormField label="Scan at most" htmlFor={ids.max}>
            <TextInput id={ids.max} inputMode="numeric" value={maxRecords} onChange={(event) => setMaxRecords(event.target.value.trim())} data-testid="search-max-records" />
          </FormField>
        </div>
        <div className="col-span-12 flex items-center gap-2">
          {running ? (
            <Button icon={<Square />} onClick={cancel} data-testid="search-cancel">
              Cancel
            </Button>
          ) : (
            <Button type="submit" variant="primary" icon={<Play />} data-testid="search-run">
              Search
            </Button>
          )}
          {!running && end && end.reason !== "end" && (
            <Button icon={<StepForward />} onClick={() => void run(end.cursor)} data-testid="search-continue">
              Continue
            </Button>
          )}
          {progress && (
            <div className="ml-2 flex min-w-0 flex-1 items-center gap-3 text-xs text-slate-600" data-testid="search-progress" aria-live="polite">
              <div className="h-1.5 w-40 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label="Scanned">
                <div className="h-full bg-indigo-500 transition-[width]" style={{ width: `${percent}%` }} />
              </div>
              <span className="tabular-nums">
                {progress.scanned.toLocaleString("en")} of {progress.total.toLocaleString("en")} scanned · {matches.length.toLocaleString("en")} found · {(progress.elapsedMs / 1000).toFixed(1)} s
              </span>
              {end && <span data-testid="search-end">{reasons[end.reason]}{end.errors > 0 ? ` ${end.errors} records could not be evaluated (${end.firstError}).` : ""}</span>}
            </div>
          )}
        </div>
      </form>
      {error && (
        <p role="alert" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800" data-testid="search-error">
          <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
          {error}
        </p>
      )}
      <div className="rounded-lg border border-slate-200 bg-white">
        <MessageList messages={matches} emptyText={progress ? "No matching record yet." : "Run a search to see matching records."} testId="search-results" />
      </div>
    </section>
  );
}
