import { nodeTypes, topologicalOrder, type PipelineDocument, type PipelineNode } from "../graph";
import type { FilterData, FlatMapData, JoinData, KafkaSinkData, KafkaSourceData, MapData, ReduceData } from "../graph";
import { createFilter } from "../operators/filter";
import { createFlatMap } from "../operators/flat-map";
import { createJoin } from "../operators/join";
import { createSinkEncoder } from "../operators/kafka-sink";
import { createSourceDecoder, isDeadLetter, type SourceDecoder } from "../operators/kafka-source";
import { createMap } from "../operators/map";
import { createReduce } from "../operators/reduce";
import { safeJson } from "../operators/compile-node-expression";
import type { DeadLetter } from "./dead-letter";
import type { Emit, InputPortName, OperatorContext, StatefulOperator, StatelessOperator } from "./operator";
import type { OutgoingMessage, SourceMessage, StreamRecord } from "./stream-record";

type Target = { nodeId: string; port: InputPortName };

/** How records reach a node: a fused run of stateless operators, a stateful operator, or a sink. */
type Stage =
  | { kind: "chain"; nodeIds: string[]; compose: (emit: Emit, context: OperatorContext) => Emit; targets: Target[] }
  | { kind: "stateful"; operator: StatefulOperator; targets: Target[] }
  | { kind: "sink"; nodeId: string; encode: (record: StreamRecord) => OutgoingMessage };

/** What one batch produced: messages for the sinks and records that failed. */
export type BatchResult = { messages: OutgoingMessage[]; deadLetters: DeadLetter[] };

/**
 * Runs a validated pipeline document on batches of source messages, with no
 * I/O of its own: the runner (embedded Kafka runner or test driver) feeds it
 * and writes what it returns. Consecutive stateless operators are fused into
 * one function per record. Every operator's expressions are compiled here, so
 * constructing an executor fails with a PlanError naming the node when one
 * does not compile.
 */
export class PipelineExecutor {
  readonly statefulOperators: StatefulOperator[] = [];
  private readonly stages = new Map<string, Stage>();
  private readonly sources = new Map<string, { nodeId: string; decode: SourceDecoder; targets: Target[] }[]>();

  constructor(readonly document: PipelineDocument) {
    const nodes = new Map(document.nodes.map((node) => [node.id, node]));
    const outgoing = new Map<string, Target[]>(document.nodes.map((node) => [node.id, []]));
    for (const edge of document.edges) outgoing.get(edge.source)!.push({ nodeId: edge.target, port: edge.targetHandle ?? "in" });

    const stateless = new Map<string, StatelessOperator>();
    for (const node of document.nodes) {
      if (node.type === "filter") stateless.set(node.id, createFilter(node.id, node.data as FilterData));
      if (node.type === "map") stateless.set(node.id, createMap(node.id, node.data as MapData));
      if (node.type === "flat-map") stateless.set(node.id, createFlatMap(node.id, node.data as FlatMapData));
    }

    const fusedInto = new Set<string>();
    for (const id of topologicalOrder(document.nodes.map((n) => n.id), document.edges)) {
      const node = nodes.get(id)!;
      if (node.type === "kafka-source") {
        const data = node.data as KafkaSourceData;
        const list = this.sources.get(data.topic) ?? [];
        list.push({ nodeId: id, decode: createSourceDecoder(id, data), targets: outgoing.get(id)! });
        this.sources.set(data.topic, list);
      } else if (node.type === "kafka-sink") {
        this.stages.set(id, { kind: "sink", nodeId: id, encode: createSinkEncoder(node.data as KafkaSinkData) });
      } else if (node.type === "reduce" || node.type === "join") {
        const operator = node.type === "reduce" ? createReduce(id, node.data as ReduceData) : createJoin(id, node.data as JoinData);
        this.statefulOperators.push(operator);
        this.stages.set(id, { kind: "stateful", operator, targets: outgoing.get(id)! });
      } else if (!fusedInto.has(id)) {
        // Extend the chain while the current node feeds exactly one stateless node.
        const chain = [id];
        let targets = outgoing.get(id)!;
        while (targets.length === 1 && stateless.has(targets[0]!.nodeId)) {
          const next = targets[0]!.nodeId;
          chain.push(next);
          fusedInto.add(next);
          targets = outgoing.get(next)!;
        }
        this.stages.set(id, { kind: "chain", nodeIds: chain, compose: fuse(chain.map((n) => stateless.get(n)!)), targets });
      }
    }
  }

  /** The topics the pipeline's sources read. */
  get sourceTopics(): string[] {
    return [...this.sources.keys()];
  }

  /** The node of a given id, for callers that describe state or metrics. */
  node(nodeId: string): PipelineNode | undefined {
    return this.document.nodes.find((node) => node.id === nodeId);
  }

  /** Decodes and processes one batch of messages from a source topic. */
  processSourceBatch(topic: string, messages: SourceMessage[]): BatchResult {
    const result: BatchResult = { messages: [], deadLetters: [] };
    const context: OperatorContext = { deadLetter: (letter) => result.deadLetters.push(letter) };
    for (const source of this.sources.get(topic) ?? []) {
      const records: StreamRecord[] = [];
      for (const message of messages) {
        const decoded = source.decode(message, topic);
        if (isDeadLetter(decoded)) result.deadLetters.push(decoded);
        else records.push(decoded);
      }
      this.deliverAll(source.targets, records, result, context);
    }
    return result;
  }

  private deliverAll(targets: Target[], records: StreamRecord[], result: BatchResult, context: OperatorContext): void {
    if (records.length === 0) return;
    for (const target of targets) this.deliver(target, records, result, context);
  }

  private deliver(target: Target, records: StreamRecord[], result: BatchResult, context: OperatorContext): void {
    const stage = this.stages.get(target.nodeId)!;
    if (stage.kind === "sink") {
      for (const record of records) {
        try {
          result.messages.push(stage.encode(record));
        } catch (error) {
          result.deadLetters.push({ code: "encode-error", message: error instanceof Error ? error.message : String(error), nodeId: stage.nodeId, origin: record.origin, payload: safeJson(record.fields), timestamp: record.timestamp });
        }
      }
      return;
    }
    const produced: StreamRecord[] = [];
    const emit: Emit = (record) => produced.push(record);
    if (stage.kind === "chain") {
      const run = stage.compose(emit, context);
      for (const record of records) run(record);
    } else {
      stage.operator.process(records, target.port, emit, context);
    }
    this.deliverAll(stage.targets, produced, result, context);
  }
}

/**
 * Composes stateless operators into one function per record. The composition
 * is built once per batch, so records pass through the chain without any
 * allocation of their own.
 */
function fuse(operators: StatelessOperator[]): (emit: Emit, context: OperatorContext) => Emit {
  return (emit, context) => {
    let next: Emit = emit;
    for (let i = operators.length - 1; i >= 0; i--) {
      const operator = operators[i]!;
      const downstream = next;
      next = (record) => operator.apply(record, downstream, context);
    }
    return next;
  };
}

/** The node types whose operators keep state (and so changelog topics). */
export const statefulNodeTypes = Object.values(nodeTypes)
  .filter((type) => type.category === "aggregate")
  .map((type) => type.type);
