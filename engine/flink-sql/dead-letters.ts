import { flinkIdentifier as q, flinkString } from "../expr/compile-flink-sql";
import type { DeadLetterCode } from "../runtime/dead-letter";
import { flinkTransactionTimeoutMs, type FlinkCompileOptions } from "./lowering";
import { withOptions, type Relation } from "./sql";

/*
 * Dead letters on Flink. The job writes the records the embedded engine would
 * dead-letter into the deployment's dead-letter topic through one more Kafka
 * table, `dead_letters` (raw bytes value, the `headers` and `timestamp`
 * metadata), with one INSERT per node that can fail a record, all in the job's
 * statement set. The headers are the embedded engine's (runtime/dead-letter.ts).
 */

/** The dead-letter table of a job. */
export const DEAD_LETTER_TABLE = "dead_letters";

/**
 * Delivery options of a Kafka sink table: exactly-once with its own
 * transactional id prefix (the deployment's plus `suffix`: two sinks of one job
 * must not share transactional ids, or they fence each other), or at-least-once.
 */
export function sinkDeliveryOptions(options: FlinkCompileOptions, suffix: string): string[] {
  if (options.transactionalIdPrefix === undefined) return [`'sink.delivery-guarantee' = 'at-least-once'`];
  return [
    `'sink.delivery-guarantee' = 'exactly-once'`,
    `'sink.transactional-id-prefix' = ${flinkString(`${options.transactionalIdPrefix}-${suffix}`)}`,
    `'properties.transaction.timeout.ms' = '${flinkTransactionTimeoutMs}'`,
  ];
}

/** The CREATE statement of the dead-letter table (on the default cluster, as the embedded engine writes its dead letters). */
export function deadLetterTableDefinition(options: FlinkCompileOptions, topic: string): string {
  return [
    `CREATE TEMPORARY TABLE ${q(DEAD_LETTER_TABLE)} (`,
    `  ${q("value")} BYTES,`,
    `  ${q("headers")} MAP<STRING, BYTES> METADATA,`,
    `  ${q("timestamp")} TIMESTAMP_LTZ(3) METADATA`,
    `) WITH (`,
    withOptions([
      `'connector' = 'kafka'`,
      `'topic' = ${flinkString(topic)}`,
      `'properties.bootstrap.servers' = ${flinkString(options.bootstrapServers)}`,
      `'format' = 'raw'`,
      ...sinkDeliveryOptions(options, "dead-letters"),
    ]),
    `)`,
  ].join("\n");
}

/**
 * Where failed records of a node go: the rows of `from` for which `where`
 * holds, with SQL expressions for the value (BYTES), the error's detail and
 * message (STRING), and the timestamp.
 */
export type DeadLetterRoute = {
  from: Relation;
  where: string;
  /** The error code, or a STRING SQL expression choosing one per row. */
  code: DeadLetterCode | { sql: string };
  /** A STRING SQL expression, for `streamline.error.detail` (e.g. the expression error code). */
  detail?: string;
  /** A STRING SQL expression. */
  message: string;
  /** A BYTES SQL expression; by default the row's columns as a JSON object. */
  value?: string;
  /** A TIMESTAMP_LTZ(3) SQL expression; by default the row's event time, if it has one. */
  timestamp?: string;
};

/**
 * UTF-8 bytes of a STRING, typed BYTES: a constant header value (a code, a
 * node id) reached the topic cut to its first byte otherwise (measured).
 */
const utf8 = (sql: string) => `CAST(ENCODE(CAST(${sql} AS STRING), 'UTF-8') AS BYTES)`;

/** The record's declared columns as a JSON object, UTF-8 (the embedded engine writes every field of the record). */
export function jsonValueOf(from: Relation): string {
  const pairs = from.columns.map((c) => `KEY ${flinkString(c.name)} VALUE ${q(c.name)}`);
  return utf8(`JSON_OBJECT(${pairs.join(", ")} ABSENT ON NULL)`);
}

/**
 * The one INSERT of the job into the dead-letter table: the nodes' SELECTs in
 * a UNION ALL. One sink operator, because every INSERT into a table becomes
 * a sink of its own, and two exactly-once sinks with one transactional id
 * prefix fence each other (measured: ProducerFencedException).
 */
export function deadLetterInsert(selects: readonly string[]): string {
  return `INSERT INTO ${q(DEAD_LETTER_TABLE)}\n${selects.join("\nUNION ALL\n")}`;
}

/** The SELECT of a node's failed records for the dead-letter table, with the embedded engine's headers. */
export function deadLetterSelect(nodeId: string, route: DeadLetterRoute): string {
  const { from } = route;
  const headers: [string, string][] = [
    ["streamline.error.code", typeof route.code === "string" ? flinkString(route.code) : route.code.sql],
    ...(route.detail ? ([["streamline.error.detail", route.detail]] as [string, string][]) : []),
    ["streamline.error.message", `SUBSTRING(${route.message} FROM 1 FOR 2000)`],
    ["streamline.node.id", flinkString(nodeId)],
    ...(from.origin
      ? ([
          ["streamline.source.topic", q("__topic")],
          ["streamline.source.partition", `CAST(${q("__partition")} AS STRING)`],
          ["streamline.source.offset", `CAST(${q("__offset")} AS STRING)`],
        ] as [string, string][])
      : []),
  ];
  const map = `MAP[\n    ${headers.map(([key, value]) => `${flinkString(key)}, ${utf8(value)}`).join(",\n    ")}\n  ]`;
  const timestamp = route.timestamp ?? (from.timed ? q("__ts") : "CAST(NULL AS TIMESTAMP_LTZ(3))");
  return `SELECT\n  ${route.value ?? jsonValueOf(from)},\n  ${map},\n  ${timestamp}\nFROM ${q(from.name)}\nWHERE ${route.where}`;
}

/**
 * The one dead-letter case Flink cannot match: a record behind the watermark
 * by more than the allowed lateness. Flink's windows and interval joins drop
 * it inside the operator (counted in `numLateRecordsDropped`); a filter on
 * `CURRENT_WATERMARK` before the operator would compare with one subtask's
 * watermark before the exchange, not the operator's, and so pick other records
 * than the embedded engine does. Shown as a warning on every windowed node.
 */
export const lateRecordsWarning =
  "late records (behind the watermark by more than the allowed lateness) are dropped here and counted in Flink's numLateRecordsDropped metric; the embedded engine sends them to the dead-letter topic";
