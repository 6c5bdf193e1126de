"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { checkPipelineExpressions, findCycle, kafkaEndpoints, type PipelineDocument } from "@/engine/graph";
import { findSchemaDrift, type SourceSample as DriftSample } from "@/engine/schema/schema-drift";
import { sampleSchema } from "@/lib/client/api/schema";
import type { CanvasTypes, SourceSample } from "./canvas-types";

/** How long the topic must stay unchanged before it is sampled (typing a topic name samples once). */
const sampleDelayMs = 700;

/**
 * Works out the canvas's types for the editor: output types from the checker
 * on every change, and a schema sample of each source's topic (fetched once
 * per topic, format and connection, after the topic stops changing; again on
 * `refresh`), and the drift between what the document says and the samples.
 */
export function useCanvasTypesState(document: PipelineDocument, enabled: boolean): CanvasTypes {
  const outputTypes = useMemo(() => {
    if (findCycle(document.nodes.map((node) => node.id), document.edges)) return new Map();
    return checkPipelineExpressions(document).outputTypes;
  }, [document]);

  // What each source asks to sample, by node id; the key says when to sample again.
  const wanted = useMemo(() => {
    const byNode = new Map<string, { key: string; topic: string; format: string; connection: string | undefined }>();
    for (const endpoint of kafkaEndpoints(document)) {
      if (endpoint.role !== "source") continue;
      const node = document.nodes.find((candidate) => candidate.id === endpoint.nodeId)!;
      const format = typeof node.data.format === "string" ? node.data.format : "json";
      byNode.set(endpoint.nodeId, { key: `${endpoint.connection ?? ""}\u0000${endpoint.topic}\u0000${format}`, topic: endpoint.topic, format, connection: endpoint.connection });
    }
    return byNode;
  }, [document]);
  const wantedKey = [...wanted.entries()].map(([id, want]) => `${id}=${want.key}`).join("\u0001");

  const [byKey, setByKey] = useState<ReadonlyMap<string, SourceSample>>(new Map());
  const requested = useRef(new Set<string>());
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const pending = [...new Map([...wanted.values()].map((want) => [want.key, want])).values()].filter((want) => !requested.current.has(want.key));
    if (pending.length === 0) return;
    // Only the timer is cancelled when the sources change again: a request already sent completes and fills the
    // cache for its topic, so no source is left "loading" by a change to another one.
    const timer = setTimeout(() => {
      for (const want of pending) {
        requested.current.add(want.key);
        setByKey((current) => new Map(current).set(want.key, { state: "loading" }));
        sampleSchema({ topic: want.topic, format: want.format as "json", ...(want.connection ? { connection: want.connection } : {}) }).then(
          (schema) => setByKey((current) => new Map(current).set(want.key, { state: "ready", schema })),
          (error: unknown) => setByKey((current) => new Map(current).set(want.key, { state: "error", message: error instanceof Error ? error.message : String(error) })),
        );
      }
    }, sampleDelayMs);
    return () => clearTimeout(timer);
    // wantedKey stands for `wanted`; generation re-runs after a refresh.
  }, [wantedKey, enabled, generation]); // eslint-disable-line react-hooks/exhaustive-deps

  const samples = useMemo(() => {
    const bySource = new Map<string, SourceSample>();
    for (const [id, want] of wanted) {
      const sample = byKey.get(want.key);
      if (sample) bySource.set(id, sample);
    }
    return bySource;
  }, [wanted, byKey]);

  const drift = useMemo(() => {
    const ready: DriftSample[] = [];
    for (const [sourceId, sample] of samples) {
      if (sample.state !== "ready") continue;
      const fields = sample.schema.fields;
      // Non-null share: presence minus the records that carried the field as null.
      const carried = Object.fromEntries(fields.map((field) => [field.name, field.presence - (field.kinds.null ?? 0) / sample.schema.sampled]));
      ready.push({ sourceId, topic: sample.schema.topic, schema: { fields: fields.map((field) => ({ name: field.name, type: field.type })) }, carried });
    }
    return ready.length > 0 ? findSchemaDrift(document, ready) : [];
  }, [document, samples]);

  const refresh = useCallback(
    (sourceId: string) => {
      const want = wanted.get(sourceId);
      if (!want) return;
      requested.current.delete(want.key);
      setGeneration((count) => count + 1);
    },
    [wanted],
  );

  return useMemo(() => ({ outputTypes, samples, drift, refresh }), [outputTypes, samples, drift, refresh]);
}
