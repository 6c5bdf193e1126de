/** The value formats read and written through a Confluent-compatible Schema Registry. */
export const registryFormats = ["avro", "protobuf", "json-schema"] as const;

export type RegistryFormat = (typeof registryFormats)[number];

/** True for a format whose values carry a schema id (Confluent wire format). */
export function isRegistryFormat(format: string): format is RegistryFormat {
  return (registryFormats as readonly string[]).includes(format);
}

/** The registry's name for a format's schema type (`schemaType` in its API). */
export function registrySchemaType(format: RegistryFormat): "AVRO" | "PROTOBUF" | "JSON" {
  return format === "avro" ? "AVRO" : format === "protobuf" ? "PROTOBUF" : "JSON";
}

/** Where a registry is and how to log in to it (basic auth, as Confluent's and Apicurio's ccompat API take). */
export type RegistryConnection = { url: string; username?: string; password?: string };
