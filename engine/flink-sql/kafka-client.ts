import { flinkString } from "../expr/compile-flink-sql";
import type { FlinkCompileOptions } from "./lowering";

/**
 * A stored Kafka connection as Flink's Kafka tables reach it: its brokers, and
 * SASL (with the decrypted password) and TLS (with the CA to trust) as Kafka
 * client properties. Built by the engine at submit time only; the password is
 * in the submitted SQL and nowhere else (see {@link redactSecrets}).
 */
export type FlinkKafkaConnection = {
  bootstrapServers: string;
  tls: boolean;
  /** PEM of the CA to trust; the JVM's trust store when empty. */
  caPem: string;
  sasl: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string } | null;
};

const loginModules = {
  plain: "org.apache.kafka.common.security.plain.PlainLoginModule",
  "scram-sha-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
  "scram-sha-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
} as const;

/** A JAAS option value: double-quoted, with `\` and `"` escaped. */
const jaasString = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * The `properties.*` options of a Kafka table for a node's cluster: the
 * default one (`options.bootstrapServers`), or its stored connection's. During
 * the deploy check (`options.connections` undefined) a connection gets the
 * default brokers and no credentials: only the shape of the SQL is checked.
 */
export function kafkaClientOptions(options: FlinkCompileOptions, connection: string | undefined): string[] {
  if (!connection || !options.connections) return [`'properties.bootstrap.servers' = ${flinkString(options.bootstrapServers)}`];
  const resolved = options.connections[connection];
  if (!resolved) throw new Error(`Kafka connection ${connection} was not resolved for Flink`);
  const lines = [`'properties.bootstrap.servers' = ${flinkString(resolved.bootstrapServers)}`];
  const protocol = `${resolved.sasl ? "SASL_" : ""}${resolved.tls ? "SSL" : "PLAINTEXT"}`;
  if (protocol !== "PLAINTEXT") lines.push(`'properties.security.protocol' = '${protocol}'`);
  if (resolved.sasl) {
    const { mechanism, username, password } = resolved.sasl;
    lines.push(
      `'properties.sasl.mechanism' = '${mechanism.toUpperCase()}'`,
      `'properties.sasl.jaas.config' = ${flinkString(`${loginModules[mechanism]} required username=${jaasString(username)} password=${jaasString(password)};`)}`,
    );
  }
  if (resolved.tls && resolved.caPem.trim()) {
    lines.push(`'properties.ssl.truststore.type' = 'PEM'`, `'properties.ssl.truststore.certificates' = ${flinkString(resolved.caPem.trim())}`);
  }
  return lines;
}

/** The secrets of the resolved connections, in every form they take in the SQL (raw, JAAS- and SQL-escaped). */
export function connectionSecrets(options: FlinkCompileOptions): string[] {
  const secrets = new Set<string>();
  for (const connection of Object.values(options.connections ?? {})) {
    const password = connection.sasl?.password;
    if (!password) continue;
    const jaas = jaasString(password).slice(1, -1);
    // In the SQL the JAAS value sits in a string literal: plain ('' for ') or U& (\\ for \, \XXXX for controls).
    const unicode = flinkString(`\\${jaas}`).replace(/^U&'\\\\/, "").replace(/'$/, "");
    for (const form of [password, jaas, jaas.replace(/'/g, "''"), unicode]) if (form) secrets.add(form);
  }
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** Replaces every secret in a text (SQL to show, an error, a log line) with `******`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("******");
  return out;
}
