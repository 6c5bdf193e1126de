"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import type { TopicMessage } from "@/lib/client/api/topics";
import { SegmentedControl } from "@/components/ui/SegmentedControl";
import { base64ToHex, previewValue } from "./format-topic";

type RawView = "decoded" | "base64" | "hex";

/** Records as rows (partition, offset, time, key, value); a row opens to the full value, headers and raw bytes. */
export function MessageList({ messages, emptyText, testId }: { messages: readonly TopicMessage[]; emptyText: string; testId?: string }) {
  if (messages.length === 0) return <p className="px-4 py-6 text-center text-sm text-slate-500">{emptyText}</p>;
  return (
    <ol className="divide-y divide-slate-100" data-testid={testId}>
      {messages.map((message) => (
        <MessageRow key={`${message.partition}:${message.offset}`} message={message} />
      ))}
    </ol>
  );
}

function MessageRow({ message }: { message: TopicMessage }) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<RawView>("decoded");
  const shown = (decoded: TopicMessage["value"]) =>
    view === "base64" ? (decoded.raw ?? "null") : view === "hex" ? (decoded.raw === null ? "null" : base64ToHex(decoded.raw)) : decoded.kind === "json" ? JSON.stringify(decoded.value, null, 2) : previewValue(decoded);
  return (
    <li data-testid="topic-message">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="flex w-full items-start gap-3 px-4 py-2 text-left text-xs hover:bg-slate-50">
        {open ? <ChevronDown className="mt-0.5 size-3.5 shrink-0 text-slate-500" aria-hidden="true" /> : <ChevronRight className="mt-0.5 size-3.5 shrink-0 text-slate-500" aria-hidden="true" />}
        <span className="w-10 shrink-0 font-mono text-slate-500" title="Partition">p{message.partition}</span>
        <span className="w-16 shrink-0 font-mono text-slate-500" title="Offset">#{message.offset}</span>
        <time className="w-40 shrink-0 text-slate-500" dateTime={new Date(message.timestamp).toISOString()}>
          {new Date(message.timestamp).toISOString().replace("T", " ").slice(0, 23)}
        </time>
        <span className="w-28 shrink-0 truncate font-mono text-slate-700" title={previewValue(message.key)}>
          {message.key.kind === "null" ? <span className="text-slate-500">no key</span> : previewValue(message.key)}
        </span>
        <span className="min-w-0 flex-1 truncate font-mono text-slate-900" data-testid="message-value">
          {previewValue(message.value)}
        </span>
      </button>
      {open && (
        <div className="space-y-2 bg-slate-50/70 px-4 py-3 pl-11 text-xs">
          <div className="flex items-center gap-3">
            <SegmentedControl label="Show bytes as" value={view} onChange={setView} options={[{ value: "decoded", label: "Decoded" }, { value: "base64", label: "Base64" }, { value: "hex", label: "Hex" }]} />
            <span className="text-slate-500">
              value {message.value.kind} · {message.value.size.toLocaleString("en")} bytes{message.value.truncated ? " (first 64 KiB shown)" : ""}
            </span>
          </div>
          <dl className="grid grid-cols-[5rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500">Key</dt>
            <dd className="font-mono break-all whitespace-pre-wrap text-slate-800">{shown(message.key)}</dd>
            <dt className="text-slate-500">Value</dt>
            <dd className="max-h-72 overflow-auto font-mono break-all whitespace-pre-wrap text-slate-800" data-testid="message-value-full">
              {shown(message.value)}
            </dd>
            <dt className="text-slate-500">Headers</dt>
            <dd className="font-mono text-slate-800">
              {Object.keys(message.headers).length === 0 ? <span className="text-slate-500">none</span> : Object.entries(message.headers).map(([name, value]) => <div key={name}>{name}: {value}</div>)}
            </dd>
          </dl>
        </div>
      )}
    </li>
  );
}
