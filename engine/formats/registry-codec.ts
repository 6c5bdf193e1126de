import { createRequire } from "node:module";
import type { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import type { ConfluentSchema } from "@kafkajs/confluent-schema-registry/dist/@types";
import type { schemaFromConfluentSchema as SchemaFromConfluentSchema } from "@kafkajs/confluent-schema-registry/dist/schemaTypeResolver.js";

/**
 * The registry library (and avsc under it) requires "fs"; Next's Turbopack could not trace it for
 * the App Routes that deploy (`Can't resolve 'fs'`), so it is required at run time from
 * node_modules, never bundled, the first time a registry format is used.
 */
const requireAtRunTime = createRequire(import.meta.url);
const libraryName = "@kafkajs/confluent-schema-registry";
let library: { SchemaRegistry: typeof SchemaRegistry; schemaFromConfluentSchema: typeof SchemaFromConfluentSchema } | null = null;
function registryLibrary() {
  library ??= {
    SchemaRegistry: (requireAtRunTime(/* turbopackIgnore: true */ libraryName) as { SchemaRegistry: typeof SchemaRegistry }).SchemaRegistry,
    schemaFromConfluentSchema: (requireAtRunTime(/* turbopackIgnore: true */ `${libraryName}/dist/schemaTypeResolver.js`) as { schemaFromConfluentSchema: typeof SchemaFromConfluentSchema }).schemaFromConfluentSchema,
  };
  return library;
}
import { registrySchemaType, type RegistryConnection, type RegistryFormat } from "./registry-formats";
import { readWireHeader } from "./wire-format";

import { DecodeFailure, SchemaRejected } from "./registry-errors";
export { DecodeFailure, SchemaRejected };

type CachedSchema = { type: string; schema: { fromBuffer(buffer: Buffer): unknown; toBuffer(payload: object): Buffer } };

/**
 * Decodes and encodes values in the Confluent wire format with the schemas of
 * one registry, through `@kafkajs/confluent-schema-registry` (avsc, protobufjs
 * and ajv underneath). Schemas are fetched by id before a batch is decoded
 * (`prefetch`) and kept, so decoding itself is synchronous: the engine's hot
 * path never waits on HTTP after a schema's first use. An id the registry
 * answers 404 for is remembered as unknown; its records become dead letters.
 */
export class RegistryCodec {
  private readonly registry: SchemaRegistry;
  private readonly unknownIds = new Map<number, string>();

  constructor(readonly connection: RegistryConnection) {
    this.registry = new (registryLibrary().SchemaRegistry)({
      host: connection.url.replace(/\/+$/, ""),
      clientId: "streamline",
      ...(connection.username ? { auth: { username: connection.username, password: connection.password ?? "" } } : {}),
      // A registry that is down is the deployment's problem, not the record's: fail fast and let the supervisor retry.
      retry: { retries: 2, initialRetryTimeInSecs: 0.2 },
    });
  }

  /**
   * Fetches the schemas of these ids that are not cached yet. A 404 marks the
   * id unknown (its records are dead letters); any other failure throws, so
   * the runner stops and retries instead of dead-lettering good records.
   */
  async prefetch(ids: Iterable<number>): Promise<void> {
    for (const id of ids) {
      if (this.cached(id) || this.unknownIds.has(id)) continue;
      try {
        await this.registry.getSchema(id);
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 404) this.unknownIds.set(id, `Schema id ${id} is not known to the Schema Registry at ${this.connection.url}`);
        else throw new Error(`Cannot fetch schema id ${id} from the Schema Registry at ${this.connection.url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** True once `prefetch` has dealt with every id of a batch (cached or known unknown). */
  ready(ids: Iterable<number>): boolean {
    for (const id of ids) if (!this.cached(id) && !this.unknownIds.has(id)) return false;
    return true;
  }

  /**
   * Decodes one value with its writer schema (synchronous: call `prefetch`
   * for the batch's ids first). Throws a DecodeFailure that says what is wrong.
   */
  decode(value: Buffer, format: RegistryFormat): unknown {
    const header = readWireHeader(value);
    if (!header.ok) throw new DecodeFailure(header.error);
    const unknown = this.unknownIds.get(header.schemaId);
    if (unknown) throw new DecodeFailure(unknown);
    const entry = this.cached(header.schemaId);
    if (!entry) throw new Error(`Schema id ${header.schemaId} was not fetched before decoding`);
    const expected = registrySchemaType(format);
    if (entry.type !== expected) throw new DecodeFailure(`Schema id ${header.schemaId} is a ${entry.type} schema; this source reads ${format}`);
    try {
      return entry.schema.fromBuffer(value.subarray(5));
    } catch (error) {
      throw new DecodeFailure(`The value does not decode with schema id ${header.schemaId} (${format}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Encodes a payload with a cached schema (registered or prefetched), in the wire format. */
  encode(schemaId: number, payload: Record<string, unknown>): Buffer {
    const entry = this.cached(schemaId);
    if (!entry) throw new Error(`Schema id ${schemaId} was not registered or fetched before encoding`);
    const body = entry.schema.toBuffer(payload);
    const header = Buffer.alloc(5);
    header.writeInt32BE(schemaId, 1);
    return Buffer.concat([header, body]);
  }

  /**
   * Registers a schema under a subject (an existing identical one keeps its
   * id) and caches it. The registry's compatibility rules decide: a schema
   * they reject (409) or an invalid one (422) throws SchemaRejected.
   */
  async register(subject: string, format: RegistryFormat, schema: string): Promise<number> {
    const url = `${this.connection.url.replace(/\/+$/, "")}/subjects/${encodeURIComponent(subject)}/versions`;
    const headers: Record<string, string> = { "content-type": "application/vnd.schemaregistry.v1+json" };
    if (this.connection.username) headers.authorization = `Basic ${Buffer.from(`${this.connection.username}:${this.connection.password ?? ""}`).toString("base64")}`;
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ schemaType: registrySchemaType(format), schema }) });
    const text = await response.text();
    if (response.status === 409 || response.status === 422) {
      throw new SchemaRejected(subject, response.status, `The Schema Registry refused the schema for subject '${subject}'${response.status === 409 ? " as incompatible with its earlier versions" : " as invalid"}: ${registryMessage(text)}`);
    }
    if (!response.ok) throw new Error(`The Schema Registry at ${this.connection.url} answered ${response.status} to registering subject '${subject}': ${registryMessage(text)}`);
    const id = (JSON.parse(text) as { id: number }).id;
    await this.registry.getSchema(id);
    return id;
  }

  /**
   * Puts a schema into the cache under an id without asking the registry:
   * for the test driver and unit tests, which run without a registry.
   */
  preload(id: number, format: RegistryFormat, schema: string): void {
    const type = registrySchemaType(format) as SchemaType;
    this.registry.cache.setSchema(id, type, registryLibrary().schemaFromConfluentSchema({ type, schema } as ConfluentSchema));
  }

  private cached(id: number): CachedSchema | undefined {
    return this.registry.cache.getSchema(id) as CachedSchema | undefined;
  }
}

function registryMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string };
    return body.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}
