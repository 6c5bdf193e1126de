import type { RowField, Type } from "../expr";
import type { FlinkFailure } from "../expr/compile-flink-sql";
import type { DeadLetterRoute } from "./dead-letters";
import type { FieldHint } from "./field-hints";
import type { FlinkKafkaConnection } from "./kafka-client";
import type { Relation } from "./sql";

/*
 * The contract between the Flink SQL compiler (engine/runners/flink) and an
 * operator's lowering (engine/operators/<type>/flink.ts). The compiler walks
 * the graph twice in topological order: `analyse` works out which fields of
 * the JSON sources are read and how (Flink needs declared columns), `lower`
 * writes the node's SQL.
 */

export type FlinkCompileOptions = {
  /** Kafka bootstrap servers as Flink's TaskManagers reach them. */
  bootstrapServers: string;
  /** Consumer group of the job's Kafka sources. */
  groupId: string;
  /** The Flink job name (`pipeline.name`). */
  jobName: string;
  /** Resume from this savepoint or retained checkpoint (`execution.savepoint.path`). */
  savepointPath?: string;
  /**
   * Start the Kafka sources at the consumer group's committed offsets (a
   * partition without one starts as the source says), not at its earliest or
   * latest offset: a deployment continuing one that left no savepoint or
   * checkpoint behind, so records already processed are not read again.
   */
  resumeFromGroupOffsets?: boolean;
  /** The job's parallelism (`parallelism.default`); the cluster's default when omitted. */
  parallelism?: number;
  /** The job's max parallelism (`pipeline.max-parallelism`): the key groups keyed state is split into; must stay the same across rescales. */
  maxParallelism?: number;
  /** Checkpoint interval in ms (`execution.checkpointing.interval`); the cluster's when omitted. */
  checkpointIntervalMs?: number;
  /**
   * Exactly-once Kafka sinks: the prefix of their transactional ids, unique per
   * deployment (each sink appends its node id). Omitted: at-least-once sinks.
   */
  transactionalIdPrefix?: string;
  /**
   * Stored Kafka connections by id, resolved with their secrets at submit time.
   * Undefined during the deploy check: nodes on a connection compile against
   * `bootstrapServers` without credentials.
   */
  connections?: Record<string, FlinkKafkaConnection>;
  /**
   * The deployment's dead-letter topic: records that cannot be decoded or
   * whose expression fails are written there, as the embedded engine does.
   * Omitted (the deploy check): such records are left out of the results only.
   */
  deadLetterTopic?: string;
  /**
   * The pipeline's samples topic: a few records of each node's output per
   * second are written there for the canvas (see samples.ts). Omitted: none.
   */
  samplesTopic?: string;
};

/**
 * The Kafka producer's transaction timeout of exactly-once sinks: below the
 * broker's default `transaction.max.timeout.ms` (15 min), or the job fails at
 * start, and short, because a transaction left open by a job that is gone
 * for good holds back `read_committed` readers of the topic until it times out.
 * It must still outlast a checkpoint plus a restart.
 */
export const flinkTransactionTimeoutMs = 120_000;

/** One Kafka table of the job and the canvas node it stands for. */
export type FlinkTable = { nodeId: string; table: string; topic: string; role: "source" | "sink"; connector: "kafka" | "upsert-kafka" };

/** Per node in the analysis: the JSON sources whose fields reach its output under their own names, names added on the way, and every source upstream. */
export type Reach = { sources: Set<string>; known: Set<string>; upstream: Set<string> };

export type AnalyseContext<Data> = {
  nodeId: string;
  data: Data;
  /** The reach of the single (or first) input; empty when there is none. */
  input: Reach;
  /** The reaches arriving at an input port, one per edge. */
  inputs: (handle: string | null) => Reach[];
  /** Notes that the field at `path` of the records described by `at` is read, used as `hint`. */
  use: (at: Reach, path: string[], hint: FieldHint | null) => void;
  /** Notes the fields an expression over `at` reads, with the hints of how they are used. */
  useExpression: (at: Reach, text: string, expected: FieldHint | null) => void;
  /** An event-time operator with allowed lateness holds back the watermarks of the sources upstream of `at`. */
  holdWatermark: (at: Reach, lateness: number) => void;
  /** This node is a JSON source: its columns are the fields read downstream. */
  declareJsonSource: () => void;
};

export type LowerContext<Data> = {
  nodeId: string;
  data: Data;
  options: FlinkCompileOptions;
  /** The relation at an input port (`null`: the unnamed input; the first edge of several). */
  input: (handle?: string | null) => Relation;
  /** Every relation arriving at an input port, in edge order. */
  inputs: (handle: string | null) => Relation[];
  /**
   * Type-checks and compiles one expression of the node against a relation's
   * columns. An expression that can fail at run time (where the embedded
   * engine dead-letters the record) is reported as a warning on the node: use
   * {@link LowerContext.guardedExpression} where the node routes such records to the dead letters.
   */
  expression: (field: string, text: string, input: Relation, expect?: Type) => { sql: string; type: Type };
  /**
   * Like `expression`, for a node that dead-letters the rows its expressions
   * fail on: the SQL never fails the job, and `failures` says, per row, when
   * the embedded engine would have failed (in evaluation order). What cannot be
   * matched per row becomes a warning on the node.
   */
  guardedExpression: (field: string, text: string, input: Relation, expect?: Type) => { sql: string; type: Type; failures: FlinkFailure[] };
  /** Notes what runs on Flink but not as on the embedded engine, shown with the deploy on this node. */
  warn: (message: string, field?: string) => void;
  /** Sends the failed rows of a relation to the dead-letter topic (nothing without one). */
  deadLetter: (route: DeadLetterRoute) => void;
  /** Defines the node's output (or one named output) as a view `n_<id>` (`n_<id>__<output>`). */
  view: (select: string, relation: Omit<Relation, "name">, output?: string) => void;
  /** Adds a CREATE statement. */
  define: (statement: string) => void;
  /** Adds an INSERT of the job's statement set. */
  insert: (statement: string) => void;
  /** Registers a Kafka table of the job (for metrics and status). */
  table: (table: Omit<FlinkTable, "nodeId">) => void;
  /** Sets the node's output relation directly (a source's table). */
  output: (relation: Relation) => void;
  /** A JSON source: the columns the fields read downstream need. */
  sourceColumns: () => RowField[];
  /** A source: the largest allowed lateness of an event-time operator downstream, if any. */
  watermarkDelay: () => number | undefined;
  /** A problem with this node on Flink, to throw; `field` is where in its data. */
  problem: (message: string, field?: string, expression?: { code: string; start: number; end: number }) => Error;
};

/** How an operator runs on Flink, or why it does not. */
export type FlinkPart<Data> =
  | {
      supported: true;
      analyse: (context: AnalyseContext<Data>) => Reach;
      lower: (context: LowerContext<Data>) => void;
      /** The name of the physical operator it becomes in the Flink job (metrics); null for sources and sinks, found by their table. */
      operatorPattern: RegExp | null;
    }
  | { supported: false; reason: string };
