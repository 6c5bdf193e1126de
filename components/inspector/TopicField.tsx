"use client";

import { CircleAlert, CircleCheck, CirclePlus } from "lucide-react";
import { useEffect, useState } from "react";
import type { FormFieldSpec } from "@/engine/graph";
import { listTopicNames, type TopicName } from "@/lib/client/api/topics";
import { FormField } from "@/components/ui/FormField";
import { TextInput } from "@/components/ui/TextInput";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";

type Cluster = { topics: TopicName[]; defaultPartitions: number | null };

/** The topic names of each cluster, shared by every topic field and kept for a few seconds (a canvas has several). */
const cache = new Map<string, { at: number; value: Promise<Cluster> }>();
const cacheMs = 10_000;

function clusterTopics(connection: string): Promise<Cluster> {
  const cached = cache.get(connection);
  if (cached && Date.now() - cached.at < cacheMs) return cached.value;
  const value = listTopicNames(connection || undefined);
  cache.set(connection, { at: Date.now(), value });
  value.catch(() => cache.delete(connection));
  return value;
}

type TopicFieldProps = Pick<NodeFormProps, "data" | "onChange"> & { id: string; spec: Extract<FormFieldSpec, { kind: "text" }>; role: "source" | "sink"; errors: readonly string[] };

/**
 * A source's or sink's topic: completes names from the pipeline's cluster and
 * says what will happen: a source topic that does not exist is a warning; a
 * sink's topic exists, or will be created with the broker's default partitions.
 */
export function TopicField({ id, spec, role, data, errors, onChange }: TopicFieldProps) {
  const value = readString(data, spec.key);
  const connection = readString(data, "connection");
  const [cluster, setCluster] = useState<Cluster | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    let current = true;
    clusterTopics(connection).then(
      (found) => current && (setCluster(found), setFailed(null)),
      (error: unknown) => current && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [connection]);

  const needle = value.trim().toLowerCase();
  const suggestions = (cluster?.topics ?? []).filter((topic) => topic.name.toLowerCase().includes(needle) && topic.name !== value).slice(0, 8);
  const existing = cluster?.topics.find((topic) => topic.name === value);
  const pick = (name: string) => {
    onChange(spec.key, name);
    setOpen(false);
  };

  return (
    <FormField label={spec.label} htmlFor={id} errors={errors} hint={spec.hint}>
      <div className="relative">
        <TextInput
          id={id}
          role="combobox"
          aria-expanded={open && suggestions.length > 0}
          aria-controls={`${id}-topics`}
          aria-autocomplete="list"
          autoComplete="off"
          data-testid={`field-${spec.key}`}
          className={spec.mono ? "font-mono" : undefined}
          placeholder={spec.placeholder}
          value={value}
          invalid={errors.length > 0}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(event) => {
            onChange(spec.key, event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (!open || suggestions.length === 0) return;
            if (event.key === "ArrowDown") setActive((active + 1) % suggestions.length);
            else if (event.key === "ArrowUp") setActive((active - 1 + suggestions.length) % suggestions.length);
            else if (event.key === "Enter") pick(suggestions[active]!.name);
            else if (event.key === "Escape") setOpen(false);
            else return;
            event.preventDefault();
          }}
        />
        {open && suggestions.length > 0 && (
          <ul id={`${id}-topics`} role="listbox" aria-label="Topics on the cluster" className="absolute z-20 mt-1 max-h-56 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-xs shadow-lg" data-testid="topic-suggestions">
            {suggestions.map((topic, index) => (
              <li
                key={topic.name}
                role="option"
                aria-selected={index === active}
                className={`flex cursor-pointer items-center justify-between gap-2 px-2.5 py-1.5 font-mono ${index === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700"}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(topic.name);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span className="truncate">{topic.name}</span>
                <span className="shrink-0 font-sans text-slate-500">{topic.partitions} p</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {value.trim() !== "" && cluster && <TopicStatus role={role} name={value} existing={existing} defaultPartitions={cluster.defaultPartitions} />}
      {failed && <p className="mt-1 text-xs text-slate-500">Topics could not be listed: {failed}</p>}
    </FormField>
  );
}

function TopicStatus({ role, name, existing, defaultPartitions }: { role: "source" | "sink"; name: string; existing: TopicName | undefined; defaultPartitions: number | null }) {
  const partitions = (count: number) => `${count} partition${count === 1 ? "" : "s"}`;
  if (existing) {
    return (
      <p className="mt-1 flex items-center gap-1 text-xs text-emerald-700" data-testid="topic-status">
        <CircleCheck className="size-3.5" aria-hidden="true" />
        Exists · {partitions(existing.partitions)}
      </p>
    );
  }
  if (role === "source") {
    return (
      <p className="mt-1 flex items-start gap-1 text-xs text-amber-700" role="status" data-testid="topic-status">
        <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
        Topic {name} does not exist on this cluster: the source would read nothing. Check the name, or create it on the Topics page.
      </p>
    );
  }
  return (
    <p className="mt-1 flex items-center gap-1 text-xs text-slate-600" data-testid="topic-status">
      <CirclePlus className="size-3.5" aria-hidden="true" />
      Will be created at deploy with {defaultPartitions === null ? "the broker's default partitions" : partitions(defaultPartitions)}
    </p>
  );
}
