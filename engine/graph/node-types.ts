import type { z } from "zod";
import {
  filterData,
  flatMapData,
  joinData,
  kafkaSinkData,
  kafkaSourceData,
  mapData,
  reduceData,
  type FilterData,
  type FlatMapData,
  type JoinData,
  type KafkaSinkData,
  type KafkaSourceData,
  type MapData,
  type ReduceData,
} from "./node-data";

export const nodeTypeNames = ["kafka-source", "filter", "map", "flat-map", "reduce", "join", "kafka-sink"] as const;
export type NodeTypeName = (typeof nodeTypeNames)[number];

export type NodeCategory = "source" | "transform" | "aggregate" | "sink";

/** Input ports: a single unnamed one, the two sides of a join, or none for a source. */
export type InputPort = { handle: "left" | "right" | null; label: string };

/**
 * One declarative description per node type. The palette, the node cards, the
 * inspector forms and the validation all read from here, so a node type is
 * described once.
 */
export type NodeTypeDescription<Data> = {
  type: NodeTypeName;
  label: string;
  category: NodeCategory;
  hint: string;
  inputs: InputPort[];
  hasOutput: boolean;
  schema: z.ZodType<Data, unknown>;
  defaults: () => Data;
  summarize: (data: Data) => string;
};

const singleInput: InputPort[] = [{ handle: null, label: "in" }];

const kafkaSource: NodeTypeDescription<KafkaSourceData> = {
  type: "kafka-source",
  label: "Kafka source",
  category: "source",
  hint: "Read records from a topic",
  inputs: [],
  hasOutput: true,
  schema: kafkaSourceData,
  defaults: () => ({ topic: "", format: "json", startFrom: "earliest" }),
  summarize: (data) => `${data.topic || "no topic"} · ${data.format} · from ${data.startFrom}`,
};

const filter: NodeTypeDescription<FilterData> = {
  type: "filter",
  label: "Filter",
  category: "transform",
  hint: "Keep records matching a condition",
  inputs: singleInput,
  hasOutput: true,
  schema: filterData,
  defaults: () => ({ condition: "" }),
  summarize: (data) => data.condition || "no condition",
};

const map: NodeTypeDescription<MapData> = {
  type: "map",
  label: "Map",
  category: "transform",
  hint: "Compute new fields per record",
  inputs: singleInput,
  hasOutput: true,
  schema: mapData,
  defaults: () => ({ fields: [{ name: "", expression: "" }] }),
  summarize: (data) => {
    const names = data.fields.map((field) => field.name).filter(Boolean);
    return names.length ? `→ ${names.join(", ")}` : "no fields";
  },
};

const flatMap: NodeTypeDescription<FlatMapData> = {
  type: "flat-map",
  label: "Flat map",
  category: "transform",
  hint: "One record per array element",
  inputs: singleInput,
  hasOutput: true,
  schema: flatMapData,
  defaults: () => ({ expression: "", as: "" }),
  summarize: (data) => (data.expression ? `${data.as || "?"} in ${data.expression}` : "no expression"),
};

const reduce: NodeTypeDescription<ReduceData> = {
  type: "reduce",
  label: "Reduce",
  category: "aggregate",
  hint: "Keyed, optionally windowed aggregation",
  inputs: singleInput,
  hasOutput: true,
  schema: reduceData,
  defaults: () => ({ groupBy: [], aggregations: [{ fn: "count", as: "count" }] }),
  summarize: (data) => {
    const aggregates = data.aggregations
      .map((aggregation) => (aggregation.fn === "count" ? "count" : `${aggregation.fn}(${aggregation.field ?? "?"})`))
      .join(", ");
    const by = data.groupBy.length ? ` by ${data.groupBy.join(", ")}` : "";
    const window = data.window ? ` · ${data.window.type} ${formatMillis(windowLength(data.window))}` : "";
    return `${aggregates || "no aggregates"}${by}${window}`;
  },
};

const join: NodeTypeDescription<JoinData> = {
  type: "join",
  label: "Join",
  category: "aggregate",
  hint: "Match two streams by key within a time bound",
  inputs: [
    { handle: "left", label: "left" },
    { handle: "right", label: "right" },
  ],
  hasOutput: true,
  schema: joinData,
  defaults: () => ({ leftKey: "", rightKey: "", type: "inner", within: 60_000 }),
  summarize: (data) =>
    `${data.type} · ${data.leftKey || "?"} = ${data.rightKey || "?"} · within ${formatMillis(data.within)}`,
};

const kafkaSink: NodeTypeDescription<KafkaSinkData> = {
  type: "kafka-sink",
  label: "Kafka sink",
  category: "sink",
  hint: "Write records to a topic",
  inputs: singleInput,
  hasOutput: false,
  schema: kafkaSinkData,
  defaults: () => ({ topic: "", format: "json" }),
  summarize: (data) => `${data.topic || "no topic"} · ${data.format}${data.key ? ` · key ${data.key}` : ""}`,
};

/** Every node type, in palette order. */
export const nodeTypes = {
  "kafka-source": kafkaSource,
  filter,
  map,
  "flat-map": flatMap,
  reduce,
  join,
  "kafka-sink": kafkaSink,
} satisfies { [K in NodeTypeName]: NodeTypeDescription<never> | NodeTypeDescription<any> };

/** Looks up a node type's description; `undefined` for an unknown type name. */
export function describeNodeType(type: string): NodeTypeDescription<unknown> | undefined {
  // Own keys only: "constructor" or "__proto__" are not node types.
  return Object.hasOwn(nodeTypes, type) ? (nodeTypes as Record<string, NodeTypeDescription<unknown>>)[type] : undefined;
}

export const categoryLabels: Record<NodeCategory, string> = {
  source: "Sources",
  transform: "Transform",
  aggregate: "Aggregate & join",
  sink: "Sinks",
};

function windowLength(window: NonNullable<ReduceData["window"]>): number {
  return window.type === "session" ? window.gap : window.size;
}

/** Formats milliseconds the way people write durations: 500ms, 10s, 5m, 1h. */
export function formatMillis(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
