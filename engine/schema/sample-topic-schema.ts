import type { StreamClient } from "../kafka/stream-client";
import { decodeRegistryValue } from "../formats/decode-registry-value";
import type { RegistryCodec } from "../formats/registry-codec";
import { isRegistryFormat } from "../formats/registry-formats";
import { schemaIdsOf } from "../formats/wire-format";
import { inferSchema, type InferredSchema } from "./infer-schema";
import { suggestFromSample, type SampleSuggestions } from "./suggest-fields";

/** A sample's schema, with how many values could not be decoded (left out of it) and what the sample suggests. */
export type SampledSchema = InferredSchema & { topic: string; undecodable: number; suggestions: SampleSuggestions };

/**
 * Infers the record schema of a topic from its latest records
 * (`perPartition` from each partition), decoded by the source's format. A
 * value that does not decode counts as undecodable rather than failing the
 * sample; an empty topic gives an empty schema with an open record type.
 */
export async function sampleTopicSchema(
  client: StreamClient,
  topic: string,
  options: { format: string; perPartition?: number; codec?: RegistryCodec | null },
): Promise<SampledSchema> {
  const messages = await client.readLatest(topic, options.perPartition ?? 100);
  const values: unknown[] = [];
  let undecodable = 0;
  const format = options.format;
  if (isRegistryFormat(format) && options.codec) await options.codec.prefetch(schemaIdsOf(messages.map((message) => message.value)));
  for (const message of messages) {
    if (message.value === null) {
      undecodable++;
      continue;
    }
    if (isRegistryFormat(format)) {
      const decoded = decodeRegistryValue(options.codec, format, message.value);
      if (decoded.ok) values.push(decoded.fields);
      else undecodable++;
    } else if (format === "text") {
      values.push({ text: message.value.toString("utf8") });
    } else {
      try {
        values.push(JSON.parse(message.value.toString("utf8")));
      } catch {
        undecodable++;
      }
    }
  }
  const schema = inferSchema(values);
  return { topic, undecodable, ...schema, suggestions: suggestFromSample(values, schema) };
}
