"use client";

import { CircleAlert, Plus, RefreshCw, Rows3, Search } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useDeferredValue, useState } from "react";
import { listTopics } from "@/lib/client/api/topics";
import { useApiResource } from "@/lib/client/use-api-resource";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { TextInput } from "@/components/ui/TextInput";
import { ClusterPicker } from "./ClusterPicker";
import { CreateTopicDialog } from "./CreateTopicDialog";
import { formatCount, formatRetention } from "./format-topic";
import { topicHref, topicsHref } from "./topic-links";

/** `/topics`: the cluster's topics with partitions, replication, counts, retention and the pipelines using them. */
export function TopicsScreen({ connection, canWrite }: { connection?: string; canWrite: boolean }) {
  const router = useRouter();
  const [filter, setFilter] = useState("");
  const deferred = useDeferredValue(filter);
  const [creating, setCreating] = useState(false);
  const load = useCallback((signal: AbortSignal) => listTopics({ filter: deferred, connection, signal }), [deferred, connection]);
  const { state, reload } = useApiResource(load);

  return (
    <div className="mx-auto w-full max-w-6xl overflow-y-auto px-6 py-8">
      <div className="mb-5 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Topics</h1>
          <p className="mt-1 text-sm text-slate-500">Browse, search and write test messages. Reading message contents is recorded in the audit log.</p>
        </div>
        <div className="flex items-center gap-2">
          <ClusterPicker value={connection} onChange={(next) => router.push(topicsHref(next))} />
          {canWrite && (
            <Button variant="primary" icon={<Plus />} onClick={() => setCreating(true)} data-testid="create-topic">
              Create topic
            </Button>
          )}
        </div>
      </div>
      <div className="relative mb-3 max-w-sm">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
        <TextInput aria-label="Filter topics by name" className="pl-8" placeholder="Filter by name" value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="topic-filter" />
      </div>
      {state.status === "loading" && <Skeleton className="h-48 w-full" />}
      {state.status === "error" && (
        <div className="rounded-lg border border-slate-200 bg-white">
          <StatePanel icon={<CircleAlert />} tone="danger" title="Could not load topics" actions={<Button icon={<RefreshCw />} onClick={reload}>Try again</Button>}>
            {state.message}
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.value.topics.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white" data-testid="topics-empty">
          <StatePanel icon={<Rows3 />} title={filter ? `No topic matches “${filter}”` : "No topics yet"}>
            {canWrite ? "Create one, then produce a test message to see it here." : "An editor can create one."}
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.value.topics.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
          <table className="w-full text-sm" data-testid="topics-table">
            <thead>
              <tr className="border-b border-slate-200 bg-slate-50/70 text-left text-xs text-slate-500 [&>th]:py-2 [&>th]:pr-4 [&>th]:font-medium [&>th:first-child]:pl-4">
                <th scope="col">Name</th>
                <th scope="col" className="text-right">Partitions</th>
                <th scope="col" className="text-right">Replicas</th>
                <th scope="col" className="text-right">Messages</th>
                <th scope="col">Retention</th>
                <th scope="col">Used by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 [&>tr>td]:py-2 [&>tr>td]:pr-4 [&>tr>td:first-child]:pl-4">
              {state.value.topics.map((topic) => (
                <tr key={topic.name} data-testid="topic-row" data-unreadable={topic.unreadable === undefined ? undefined : "true"} className="hover:bg-slate-50">
                  <td className="max-w-96 truncate font-mono text-[13px]">
                    <Link href={topicHref(topic.name, connection)} className="font-medium text-indigo-700 hover:underline" title={topic.name}>
                      {topic.name}
                    </Link>
                  </td>
                  {topic.unreadable === undefined ? (
                    <>
                      <td className="text-right tabular-nums">{topic.partitions}</td>
                      <td className="text-right tabular-nums">{topic.replicationFactor}</td>
                      <td className="text-right tabular-nums">{formatCount(topic.messages)}</td>
                      <td className="text-slate-600">{formatRetention(topic.retentionMs)}</td>
                    </>
                  ) : (
                    // Deleted (or being deleted) since it was listed, most likely: say so rather than fail the list.
                    <td colSpan={4} className="max-w-0 truncate text-xs text-amber-800" title={topic.unreadable} data-testid="topic-unreadable">
                      Metadata unavailable: {topic.unreadable}
                    </td>
                  )}
                  <td className="text-xs text-slate-600">
                    {topic.users.length === 0 ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      topic.users.map((user) => (
                        <Link key={`${user.pipelineId}:${user.nodeId}`} href={`/pipelines/${user.pipelineId}`} className="mr-2 inline-flex items-center gap-1 hover:underline">
                          <span className={user.role === "source" ? "text-emerald-700" : "text-sky-700"}>{user.role === "source" ? "reads" : "writes"}</span>
                          {user.pipelineName}
                        </Link>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.value.truncated && <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">More topics match; narrow the filter to see them.</p>}
        </div>
      )}
      <CreateTopicDialog
        open={creating}
        connection={connection}
        onClose={() => setCreating(false)}
        onCreated={(name) => {
          setCreating(false);
          router.push(topicHref(name, connection));
        }}
      />
    </div>
  );
}
