"use client";

import { ArrowLeft, CircleAlert, Pause, Play, Plus, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { getTopic, tailTopic, type TopicMessage } from "@/lib/client/api/topics";
import { errorMessage } from "@/lib/client/api-error";
import { useApiResource } from "@/lib/client/use-api-resource";
import { Button } from "@/components/ui/Button";
import { SegmentedControl } from "@/components/ui/SegmentedControl";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { CreateTopicDialog } from "./CreateTopicDialog";
import { formatCount, formatRetention } from "./format-topic";
import { MessageList } from "./MessageList";
import { ProduceDialog } from "./ProduceDialog";
import { SearchPanel } from "./SearchPanel";
import { topicsHref } from "./topic-links";

/** How often the live tail asks for the latest records. */
const tailEveryMs = 3_000;

/** `/topics/:name`: partitions with offsets, a live tail, the message search and a test producer. */
export function TopicScreen({ name, connection, canWrite }: { name: string; connection?: string; canWrite: boolean }) {
  const load = useCallback((signal: AbortSignal) => getTopic(name, connection, signal), [name, connection]);
  const { state, reload } = useApiResource(load);
  const [tab, setTab] = useState<"tail" | "search">("tail");
  const [producing, setProducing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  if (state.status === "loading") return <Frame connection={connection}><Skeleton className="h-64 w-full" /></Frame>;
  if (state.status === "error") {
    const missing = state.message.endsWith("was not found");
    return (
      <Frame connection={connection}>
        <div className="rounded-lg border border-slate-200 bg-white" data-testid="topic-error">
          <StatePanel
            icon={<CircleAlert />}
            tone={missing ? "neutral" : "danger"}
            title={missing ? `Topic ${name} does not exist` : `Could not open ${name}`}
            actions={
              missing && canWrite ? (
                <Button variant="primary" icon={<Plus />} onClick={() => setCreating(true)} data-testid="create-missing-topic">
                  Create {name}
                </Button>
              ) : (
                <Button icon={<RefreshCw />} onClick={reload}>Try again</Button>
              )
            }
          >
            {state.message}
          </StatePanel>
        </div>
        <CreateTopicDialog
          open={creating}
          connection={connection}
          initialName={name}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      </Frame>
    );
  }
  const topic = state.value;
  return (
    <Frame connection={connection}>
      <div className="mb-4 flex items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="truncate font-mono text-xl font-semibold tracking-tight text-slate-900" data-testid="topic-name">{topic.name}</h1>
          <p className="mt-1 text-sm text-slate-500">
            {topic.partitions} partition{topic.partitions === 1 ? "" : "s"} · replication {topic.replicationFactor} · {formatCount(topic.messages)} messages · retention {formatRetention(topic.retentionMs)} · cleanup {topic.cleanupPolicy}
          </p>
          {topic.users.length > 0 && (
            <p className="mt-1 text-xs text-slate-600">
              {topic.users.map((user) => (
                <Link key={`${user.pipelineId}:${user.nodeId}`} href={`/pipelines/${user.pipelineId}`} className="mr-3 hover:underline">
                  {user.role === "source" ? "Read by" : "Written by"} {user.pipelineName}
                </Link>
              ))}
            </p>
          )}
        </div>
        {canWrite && (
          <Button variant="primary" icon={<Plus />} onClick={() => setProducing(true)} data-testid="produce-message">
            Produce message
          </Button>
        )}
      </div>
      {notice && <p className="mb-3 text-xs text-emerald-700" role="status" data-testid="produce-notice">{notice}</p>}
      <div className="mb-5 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
        <table className="w-full text-sm" data-testid="partitions-table">
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50/70 text-left text-xs text-slate-500 [&>th]:py-2 [&>th]:pr-4 [&>th]:font-medium [&>th:first-child]:pl-4">
              <th scope="col">Partition</th>
              <th scope="col" className="text-right">Start offset</th>
              <th scope="col" className="text-right">End offset</th>
              <th scope="col" className="text-right">Messages</th>
              <th scope="col">Leader</th>
              <th scope="col">Replicas (in sync)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums [&>tr>td]:py-1.5 [&>tr>td]:pr-4 [&>tr>td:first-child]:pl-4">
            {topic.partitionList.map((p) => (
              <tr key={p.partition}>
                <td className="font-mono">{p.partition}</td>
                <td className="text-right font-mono">{p.start}</td>
                <td className="text-right font-mono">{p.end}</td>
                <td className="text-right">{formatCount(p.messages)}</td>
                <td>broker {p.leader}</td>
                <td className="text-slate-600">{p.replicas.join(", ")} ({p.isr.join(", ")})</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SegmentedControl label="Messages" className="mb-3" value={tab} onChange={setTab} options={[{ value: "tail", label: "Live tail" }, { value: "search", label: "Search" }]} />
      {tab === "tail" ? <LiveTail topic={topic.name} connection={connection} /> : <SearchPanel topic={topic.name} partitions={topic.partitions} connection={connection} />}
      <ProduceDialog
        open={producing}
        topic={topic.name}
        connection={connection}
        onClose={() => setProducing(false)}
        onProduced={(where) => {
          setProducing(false);
          setNotice(`Produced to partition ${where.partition} at offset ${where.offset}.`);
          reload();
        }}
      />
    </Frame>
  );
}

function Frame({ connection, children }: { connection?: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-6xl overflow-y-auto px-6 py-6">
      <Link href={topicsHref(connection)} className="mb-3 inline-flex items-center gap-1 text-xs text-slate-500 hover:text-slate-900">
        <ArrowLeft className="size-3.5" aria-hidden="true" /> Topics
      </Link>
      {children}
    </div>
  );
}

/** The latest 50 records, refreshed every few seconds while live. */
function LiveTail({ topic, connection }: { topic: string; connection?: string }) {
  const [messages, setMessages] = useState<TopicMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(true);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        setMessages(await tailTopic(topic, { limit: 50, connection, signal: abort.signal }));
        setError(null);
      } catch (failure) {
        if (!abort.signal.aborted) setError(errorMessage(failure));
      }
      if (live && !abort.signal.aborted) timer = setTimeout(() => void poll(), tailEveryMs);
    };
    void poll();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [topic, connection, live]);

  return (
    <section aria-label="Live tail" className="rounded-lg border border-slate-200 bg-white" data-testid="live-tail">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-xs text-slate-500">
        <span>{live ? "Latest 50 records, refreshed every 3 s" : "Latest 50 records (paused)"}</span>
        <Button size="sm" variant="ghost" icon={live ? <Pause /> : <Play />} onClick={() => setLive(!live)} data-testid="tail-toggle">
          {live ? "Pause" : "Resume"}
        </Button>
      </div>
      {error && <p role="alert" className="px-4 py-2 text-xs text-red-700">{error}</p>}
      {messages === null ? <Skeleton className="m-4 h-24" /> : <MessageList messages={[...messages].reverse()} emptyText="The topic holds no records yet." testId="tail-messages" />}
    </section>
  );
}
