// The engine pipelines the benchmark runs, as pipeline documents (what the
// editor saves and the worker deploys).
import { validatePipeline, wordCountTemplate, type PipelineDocument, type PipelineNode } from "../engine/graph";
import { benchRecordAvroSchema, pinnedFromAvro } from "./avro-records";

export type WorkloadName = "stateless" | "stateless-avro" | "wordcount" | "wordcount-cached" | "window" | "hop" | "join" | "keys";

const at = { x: 0, y: 0 };
const source = (id: string, topic: string): PipelineNode => ({ id, type: "kafka-source", position: at, data: { topic, format: "json", startFrom: "earliest" } });
const sink = (id: string, topic: string, key: string): PipelineNode => ({ id, type: "kafka-sink", position: at, data: { topic, format: "json", key } });
const edge = (from: string, to: string, port: "left" | "right" | null = null) => ({ id: `${from}-${to}`, source: from, target: to, targetHandle: port });

function checked(document: PipelineDocument): PipelineDocument {
  const result = validatePipeline(document);
  if (!result.ok) throw new Error(`Benchmark pipeline is invalid: ${result.problems.map((p) => p.message).join("; ")}`);
  return result.document;
}

/** Source → filter → map → sink: the same steps as the Kafka Streams app's `stateless` topology. */
export function statelessPipeline(input: string, output: string): PipelineDocument {
  return checked({
    version: 1,
    nodes: [
      source("records", input),
      { id: "large", type: "filter", position: at, data: { condition: "amount >= 50" } },
      { id: "shape", type: "map", position: at, data: { fields: [{ name: "id", expression: "id" }, { name: "category", expression: "UPPER(category)" }, { name: "total", expression: "amount * 1.21" }] } },
      sink("out", output, "id"),
    ],
    edges: [edge("records", "large"), edge("large", "shape"), edge("shape", "out")],
  });
}

/**
 * The stateless pipeline with Avro in and out (the Confluent wire format,
 * through the Schema Registry). The source pins the writer schema's fields,
 * as a user pins a registry source's schema in the inspector, so the type
 * checker knows the map's output types and the sink's Avro schema is derived
 * from them at deploy.
 */
export function statelessAvroPipeline(input: string, output: string): PipelineDocument {
  const document = statelessPipeline(input, output);
  return checked({
    ...document,
    nodes: document.nodes.map((node) =>
      node.type === "kafka-source"
        ? { ...node, data: { ...node.data, format: "avro", pinnedSchema: pinnedFromAvro(benchRecordAvroSchema) } }
        : node.type === "kafka-sink"
          ? { ...node, data: { ...node.data, format: "avro" } }
          : node,
    ),
  });
}

/** The word-count template, reading the `text` field of the JSON records. */
export function wordCountPipeline(input: string, output: string): PipelineDocument {
  const document = wordCountTemplate({ input, output });
  const lines = document.nodes.find((n) => n.id === "lines")!;
  lines.data = { ...lines.data, format: "json" };
  return checked(document);
}

/**
 * The word count with its count emitting each word's latest count once per
 * commit (`emit: "commit"`), beside Kafka Streams with its record cache on.
 */
export function wordCountCachedPipeline(input: string, output: string): PipelineDocument {
  const document = wordCountPipeline(input, output);
  return checked({ ...document, nodes: document.nodes.map((node) => (node.type === "reduce" ? { ...node, data: { ...node.data, emit: "commit" } } : node)) });
}

/** Count, sum and average of the amount per category in tumbling one-second windows of event time. */
export function windowPipeline(input: string, output: string): PipelineDocument {
  return checked({
    version: 1,
    nodes: [
      source("records", input),
      {
        id: "per-second",
        type: "reduce",
        position: at,
        data: { groupBy: ["category"], aggregations: [{ fn: "count", as: "orders" }, { fn: "sum", field: "amount", as: "total" }, { fn: "avg", field: "amount", as: "average" }], window: { type: "tumbling", size: 1_000 }, allowedLateness: 30_000 },
      },
      sink("out", output, "category"),
    ],
    edges: [edge("records", "per-second"), edge("per-second", "out")],
  });
}

/**
 * Nexmark q5's hop window: the first word of the line is the "auction" (the
 * words are skewed, so a few are hot), counted in 10 s windows sliding by 2 s
 * (every record is in 5 windows), each window emitted once when it closes.
 * Without q5's last step, the top auction per window: the engine's operators
 * have no "arg max" (a reduce gives the largest count per window, not whose it
 * is), so both systems stop at the count per key per window (bench/ANALYSIS.md).
 */
export function hopPipeline(input: string, output: string): PipelineDocument {
  return checked({
    version: 1,
    nodes: [
      source("records", input),
      { id: "auction", type: "map", position: at, data: { fields: [{ name: "auction", expression: "SPLIT(text, ' ')[1]" }] } },
      { id: "bids", type: "reduce", position: at, data: { groupBy: ["auction"], aggregations: [{ fn: "count", as: "bids" }], window: { type: "hopping", size: 10_000, slide: 2_000 }, allowedLateness: 30_000 } },
      sink("out", output, "auction"),
    ],
    edges: [edge("records", "auction"), edge("auction", "bids"), edge("bids", "out")],
  });
}

/** Records joined with their payments (every other record has one, 500 ms later) within 5 s. */
export function joinPipeline(orders: string, payments: string, output: string): PipelineDocument {
  return checked({
    version: 1,
    nodes: [
      source("orders", orders),
      source("payments", payments),
      { id: "paid", type: "join", position: at, data: { leftKey: "id", rightKey: "order_id", type: "inner", within: 5_000, allowedLateness: 30_000 } },
      sink("out", output, "id"),
    ],
    edges: [edge("orders", "paid", "left"), edge("payments", "paid", "right"), edge("paid", "out")],
  });
}

/** A reduce keyed by the record id: one state entry per distinct key (the memory workload). */
export function keysPipeline(input: string, output: string): PipelineDocument {
  return checked({
    version: 1,
    nodes: [
      source("records", input),
      { id: "per-key", type: "reduce", position: at, data: { groupBy: ["id"], aggregations: [{ fn: "count", as: "orders" }, { fn: "sum", field: "amount", as: "total" }] } },
      sink("out", output, "id"),
    ],
    edges: [edge("records", "per-key"), edge("per-key", "out")],
  });
}
