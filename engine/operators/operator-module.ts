import type { z } from "zod";
import type { ExecutorFormats } from "../formats/executor-formats";
import type { RegistryCodec } from "../formats/registry-codec";
import type { RegisteredSink } from "../formats/sink-schemas";
import type { RecordType, Type } from "../expr";
import type { FlinkPart } from "../flink-sql/lowering";
import type { DeadLetter } from "../runtime/dead-letter";
import type { StatefulOperator, StatelessOperator } from "../runtime/operator";
import type { OutgoingMessage, SourceMessage, StreamRecord } from "../runtime/stream-record";

/*
 * The contract of an operator module (engine/operators/<type>/): everything
 * the rest of the system knows about one node type, in one object. The
 * registry (registry.ts) lists the modules; the palette, the node cards, the
 * inspector, validation, type checking, the executor and the Flink compiler
 * read them and never spell a type name.
 */

/** Where an operator sits in the palette, and what it is to the rest of the system. */
export type OperatorCategory = "source" | "transform" | "aggregate" | "sink";

/** A named port (`handle` is what edges store in `targetHandle` / `sourceHandle`). */
export type NamedPort = { handle: string; label: string };

/** The inputs a node takes. */
export type InputPorts =
  /** A source: nothing connects into it. */
  | { kind: "none" }
  /** Exactly one unnamed input. */
  | { kind: "single" }
  /** One input per named port (a join's left and right). */
  | { kind: "named"; ports: NamedPort[] }
  /** Any number (at least `min`) of edges into one unnamed input (a union). */
  | { kind: "many"; min: number };

/** The outputs a node has. */
export type OutputPorts =
  /** A sink: nothing connects out of it. */
  | { kind: "none" }
  /** One unnamed output that any number of edges may leave. */
  | { kind: "single" }
  /**
   * Named outputs that depend on the configuration (a route's conditions and
   * its default). Read from the raw data, defensively: the canvas draws the
   * handles of a node whose configuration does not validate yet.
   */
  | { kind: "named"; ports: (data: Readonly<Record<string, unknown>>) => NamedPort[] };

/** The icons the node cards, the palette and the inspector know (lucide names). */
export type OperatorIcon =
  | "arrow-down-to-line"
  | "arrow-up-from-line"
  | "funnel"
  | "shuffle"
  | "split"
  | "sigma"
  | "git-merge"
  | "merge"
  | "signpost"
  | "copy-minus";

/**
 * One field of the inspector form. The form is generated from this list;
 * `key` is the top-level key of the node's data the field edits.
 */
export type FormFieldSpec = (
  /** `topic`: a Kafka topic the node reads (`source`) or writes (`sink`): the form completes names from the cluster and says whether it exists. */
  | { kind: "text"; key: string; label: string; placeholder?: string; hint?: string; mono?: boolean; optional?: boolean; topic?: "source" | "sink" }
  /** `absent`: the option stored as no value (the default). */
  /** An option's own `hint`, when it has one, replaces the field's while that option is chosen. */
  | { kind: "select"; key: string; label: string; options: { value: string; label: string; hint?: string }[]; hint?: string; absent?: string }
  | { kind: "expression"; key: string; label: string; placeholder?: string; hint?: string }
  | { kind: "list"; key: string; label: string; placeholder?: string; hint?: string }
  | { kind: "duration"; key: string; label: string; hint?: string; optional?: boolean }
  /** The stored Kafka connection of a source or sink. */
  | { kind: "connection"; key: string; label: string }
  /** A list of `{ <name>: field name, <expression>: expression }` rows (a map's fields, a route's conditions). */
  | {
      kind: "named-expressions";
      key: string;
      label: string;
      names: { key: string; label: string; placeholder?: string };
      expressions: { key: string; label: string; placeholder?: string };
      addLabel: string;
      hint?: string;
    }
  /** A reduce's aggregations (function, field, output name). */
  | { kind: "aggregations"; key: string; label: string; functions: readonly string[] }
  /** An optional time window (tumbling, hopping, session). */
  | { kind: "window"; key: string; label: string }
) & {
  /** Shown only when this holds for the node's (raw) data, e.g. a time format once a time field is set. */
  when?: (data: Readonly<Record<string, unknown>>) => boolean;
};

/** What type inference is given for one node. */
export type TypeContext<Data> = {
  data: Data;
  /** The record types arriving at an input port (`null`: the unnamed input), one per edge, in edge order. */
  inputs: (handle: string | null) => RecordType[];
  /** The record type of the single input (or the first of several); an open record when nothing is connected. */
  input: RecordType;
  /** Type-checks an expression of the node's configuration at `field` against `input`; reports its problems. */
  check: (field: string, text: string, expect?: Type) => Type;
  /** Reports a problem with the configuration at `field` that only shows with the input types (incompatible schemas). */
  problem: (field: string, message: string) => void;
};

/** The Kafka topic and cluster of a source or sink. */
export type KafkaEndpoint = { topic: string; connection: string | undefined };

/**
 * The declarative half of an operator: what the palette, the node card, the
 * inspector, validation and type checking need. Nothing in it runs records.
 */
export type OperatorDescription<Data, Name extends string = string> = {
  /** The type name stored in documents (`node.type`). Spelled only in the operator's own folder. */
  type: Name;
  label: string;
  category: OperatorCategory;
  /** One line for the palette. */
  hint: string;
  icon: OperatorIcon;
  inputs: InputPorts;
  outputs: OutputPorts;
  /** The schema of the node's `data`: the single source of truth for its configuration. */
  schema: z.ZodType<Data, unknown>;
  /** What a new node of this type starts with. */
  defaults: () => Record<string, unknown>;
  /** One line for the node card (`topic: orders · json`, `amount > 100`). */
  summarize: (data: Data) => string;
  form: FormFieldSpec[];
  /** The record type flowing out (every named output carries the same type); checks the node's expressions on the way. */
  outputType: (context: TypeContext<Data>) => RecordType;
  /** Sources and sinks: the topic and cluster they use. */
  endpoint?: (data: Data) => KafkaEndpoint;
};

/** Decodes a Kafka message of a source topic into a record, or a dead letter. */
export type SourceDecoder = (message: SourceMessage, topic: string) => StreamRecord | DeadLetter;

/** Encodes a record for a sink's topic. */
export type SinkEncoder = (record: StreamRecord) => OutgoingMessage;

/** How the embedded engine runs the node. */
export type EmbeddedPart<Data> =
  | {
      kind: "source";
      /** The decoder; `codec` decodes Schema Registry formats (null for json and text). */
      create: (nodeId: string, data: Data, codec: RegistryCodec | null) => SourceDecoder;
      /** The registry codec the node's format needs from this run's formats, or null. */
      codec: (data: Data, formats: ExecutorFormats) => RegistryCodec | null;
      topic: (data: Data) => string;
      /** Whether a consumer without committed offsets starts at the earliest offset. */
      fromBeginning: (data: Data) => boolean;
      /** Watermark delay and idle timeout of its partitions; `config` names what, when changed, starts the watermark state afresh. */
      eventTime: (data: Data) => { delayMs: number; idleTimeoutMs: number; config: Record<string, unknown> };
    }
  | { kind: "stateless"; create: (nodeId: string, data: Data) => StatelessOperator }
  | { kind: "stateful"; create: (nodeId: string, data: Data) => StatefulOperator }
  | {
      kind: "sink";
      /** The encoder; `registered` is the node's schema registered before the run (registry formats). */
      create: (nodeId: string, data: Data, registered: RegisteredSink | undefined) => SinkEncoder;
      topic: (data: Data) => string;
    };

/** An operator module: its description and its implementations. Every part is required. */
export type OperatorModule<Data, Name extends string = string> = OperatorDescription<Data, Name> & {
  embedded: EmbeddedPart<Data>;
  /** Its Flink SQL lowering, or why it does not run on Flink. */
  flink: FlinkPart<Data>;
};
