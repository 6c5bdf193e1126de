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

/**
 * Why Flink cannot read or write a Schema Registry format here: Flink's
 * `avro-confluent` format needs Confluent's registry client, which Maven
 * Central does not serve; `flink-protobuf` decodes plain Protobuf with
 * compiled Java classes, not the registry's wire format; `json` cannot skip
 * the wire format's 5-byte header.
 */
export function registryFormatOnFlink(format: string): string {
  switch (format) {
    case "avro":
      return "the avro format cannot run on Flink here: Flink's avro-confluent format needs Confluent's Schema Registry client (io.confluent:kafka-schema-registry-client), and Maven Central serves neither it nor org.apache.flink:flink-avro-confluent-registry for Flink 1.20; run this pipeline on the embedded engine";
    case "protobuf":
      return "the protobuf format cannot run on Flink: Flink's protobuf format needs compiled Java classes for the message and does not read the Schema Registry wire format; run this pipeline on the embedded engine";
    default:
      return `the ${format} format cannot run on Flink: Flink's json format does not read the Schema Registry wire format (its 5-byte header); run this pipeline on the embedded engine`;
  }
}
