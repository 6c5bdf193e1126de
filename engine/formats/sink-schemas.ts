import { checkPipelineExpressions } from "../graph/check-expressions";
import { disabledEffect } from "../graph/disabled-nodes";
import { findOperator } from "../operators/registry";
import type { PipelineDocument } from "../graph/pipeline-document";
import type { RecordType } from "../expr/types";
import type { RegistryCodec } from "./registry-codec";
import { SchemaRejected } from "./registry-errors";
import { recordTypeToAvro } from "./record-type-to-avro";

/** A sink whose schema cannot be derived or registered: the deploy is refused naming it. */
export type SinkSchemaProblem = { nodeId: string; field: string; message: string };

/** The value encoder of a registry sink, once its schema is registered. */
export type RegisteredSink = { nodeId: string; subject: string; schemaId: number; encode: (fields: Record<string, unknown>) => Buffer };

/** TopicNameStrategy: the value schema of topic `t` lives under subject `t-value`. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

/**
 * Derives the Avro schema of every `avro` sink from its input's types and
 * registers it under TopicNameStrategy. Problems (a type that cannot be
 * derived, a schema the registry's compatibility rules reject) name the node.
 */
export async function registerSinkSchemas(
  document: PipelineDocument,
  codecFor: (connection: string | undefined) => RegistryCodec | null,
): Promise<{ ok: true; sinks: RegisteredSink[] } | { ok: false; problems: SinkSchemaProblem[] }> {
  // A sink's topic and cluster come from its operator; `format` is the field every sink names its value format by.
  // A disabled sink writes nothing, so it registers nothing.
  const sinks = document.nodes.flatMap((node) => {
    if (disabledEffect(node) !== null) return [];
    const operator = findOperator(node.type);
    return operator?.category === "sink" && operator.endpoint && node.data.format === "avro" ? [{ id: node.id, ...operator.endpoint(node.data) }] : [];
  });
  if (sinks.length === 0) return { ok: true, sinks: [] };
  const { inputTypes } = checkPipelineExpressions(document);
  const problems: SinkSchemaProblem[] = [];
  const registered: RegisteredSink[] = [];
  for (const data of sinks) {
    const node = data;
    const codec = codecFor(data.connection);
    if (!codec) {
      problems.push({ nodeId: node.id, field: "format", message: `Sink '${node.id}' writes avro but no Schema Registry is configured: set SCHEMA_REGISTRY_URL, or one on its Kafka connection` });
      continue;
    }
    const input: RecordType = inputTypes.get(node.id) ?? { kind: "ROW", fields: [], open: true };
    const derived = recordTypeToAvro(input, data.topic);
    if (!derived.ok) {
      for (const problem of derived.problems) problems.push({ nodeId: node.id, field: "format", message: `Sink '${node.id}': ${problem.message}` });
      continue;
    }
    const subject = valueSubject(data.topic);
    try {
      const schemaId = await codec.register(subject, "avro", JSON.stringify(derived.schema));
      const names = input.fields.map((field) => field.name);
      registered.push({
        nodeId: node.id,
        subject,
        schemaId,
        encode: (fields) => {
          // Avro wants every field present: a missing one is written as null (all fields are nullable unions).
          const value: Record<string, unknown> = {};
          for (const name of names) value[name] = fields[name] ?? null;
          return codec.encode(schemaId, value);
        },
      });
    } catch (error) {
      if (error instanceof SchemaRejected) problems.push({ nodeId: node.id, field: "format", message: `Sink '${node.id}': ${error.message}` });
      else throw error;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sinks: registered };
}
