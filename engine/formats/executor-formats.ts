import type { RegistryCodec } from "./registry-codec";
import type { RegisteredSink } from "./sink-schemas";

/**
 * Schema Registry formats for one pipeline run: the codec of a source or
 * sink's connection (undefined: the server's own cluster), and the registered
 * schemas of `avro` sinks (registerSinkSchemas, before the executor is built).
 */
export type ExecutorFormats = { codecFor: (connection: string | undefined) => RegistryCodec | null; sinks: RegisteredSink[] };

/** No registry: json and text only. */
export const noFormats: ExecutorFormats = { codecFor: () => null, sinks: [] };
