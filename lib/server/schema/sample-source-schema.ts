import "server-only";
import { formatType } from "@/engine/expr";
import { registryResolver } from "@/engine/formats/registry-codecs";
import { isRegistryFormat } from "@/engine/formats/registry-formats";
import type { InferredField } from "@/engine/schema/infer-schema";
import { pinnableType } from "@/engine/schema/pinned-schema";
import { sampleTopicSchema } from "@/engine/schema/sample-topic-schema";
import type { SampledFieldView, SampledSchemaView, SampleSchemaBody } from "@/lib/schemas/topic-schema";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { withConnectionClient } from "../connections/with-connection-client";

/**
 * Infers the record schema of a source's topic from its latest records
 * (`perPartition` from each partition, 100 by default) on the source's
 * connection, decoded by its format, with what the sample suggests as keys
 * and event time. Reads without a consumer group's offsets; commits nothing.
 */
export async function sampleSourceSchema(body: SampleSchemaBody): Promise<SampledSchemaView> {
  if (body.connection) {
    const db = await getDb();
    if (!(await db.kafkaConnection.findUnique({ where: { id: body.connection }, select: { id: true } }))) throw notFound(`Kafka connection '${body.connection.slice(0, 100)}'`);
  }
  // Registry formats decode with the writer's schema: the server's registry (SCHEMA_REGISTRY_URL) for its own cluster.
  const codec = isRegistryFormat(body.format) && !body.connection ? registryResolver()(undefined) : null;
  let sampled: Awaited<ReturnType<typeof sampleTopicSchema>>;
  try {
    sampled = await withConnectionClient(body.connection, (client) => sampleTopicSchema(client, body.topic, { format: body.format, perPartition: body.perPartition ?? 100, codec }));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(503, "kafka_unavailable", `Kafka could not be read to sample '${body.topic}': ${error instanceof Error ? error.message : error}`);
  }
  return {
    topic: body.topic,
    format: body.format,
    sampled: sampled.sampled,
    notObjects: sampled.notObjects,
    undecodable: sampled.undecodable,
    fields: sampled.fields.map(view),
    suggestions: sampled.suggestions,
    sampledAt: new Date().toISOString(),
  };
}

function view(field: InferredField): SampledFieldView {
  return {
    name: field.name,
    path: field.path,
    // A field only ever null is ANY (its kinds say it was null): the type can be pinned as written.
    type: formatType(pinnableType(field.type)),
    kinds: field.kinds as Record<string, number>,
    mixed: field.mixed,
    nullable: field.nullable,
    presence: field.presence,
    examples: field.examples,
    distinct: field.distinct,
    distinctCapped: field.distinctCapped,
    ...(field.fields ? { fields: field.fields.map(view) } : {}),
    ...(field.element ? { element: view(field.element) } : {}),
  };
}
