import { flinkIdentifier as q, flinkString } from "../expr/compile-flink-sql";
import type { FlinkCompileOptions } from "./lowering";
import { TS, withOptions, type Relation } from "./sql";

/*
 * Record samples on Flink. For the canvas's sample panel, the job writes a few
 * records of each node's output into the pipeline's samples topic through
 * one more Kafka table, `samples`, fed by one `INSERT … UNION ALL …` in the
 * job's statement set; the engine reads the topic back and publishes the
 * samples to the telemetry topic as it does for the embedded engine.
 *
 * Bounded whatever the input rate: per node and one-second event-time window,
 * the records with the smallest and the largest random key (so two records
 * drawn uniformly from the window's). The aggregation is a window aggregate,
 * which Flink splits into a local part on each subtask and a global one: at
 * most one partial result per subtask, node and second crosses the network,
 * and at most two samples per node and second are written. What each record
 * costs is a random number and its JSON text (the aggregate keeps strings).
 *
 * At-least-once and without transactions: samples are for watching, and an
 * exactly-once table would add a transactional producer to every checkpoint.
 */

/** The samples table of a job. */
export const SAMPLES_TABLE = "samples";

/** Samples longer than this are cut (the embedded engine cuts its samples at 4,000 characters of JSON too). */
const maxSampleChars = 4_000;

/** Epoch milliseconds of a TIMESTAMP_LTZ(3) expression (the session time zone is UTC). */
function epochMillisOf(sql: string): string {
  const local = `CAST(${sql} AS TIMESTAMP(3))`;
  return `(CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', ${local}) AS BIGINT) * 1000 + MOD(EXTRACT(MILLISECOND FROM ${local}), 1000))`;
}

/** The CREATE statement of the samples table (on the default cluster, where the engine reads it). */
export function samplesTableDefinition(options: FlinkCompileOptions, topic: string): string {
  return [
    `CREATE TEMPORARY TABLE ${q(SAMPLES_TABLE)} (`,
    `  ${q("node")} STRING,`,
    `  ${q("sample")} STRING`,
    `) WITH (`,
    withOptions([
      `'connector' = 'kafka'`,
      `'topic' = ${flinkString(topic)}`,
      `'properties.bootstrap.servers' = ${flinkString(options.bootstrapServers)}`,
      `'format' = 'json'`,
      `'sink.delivery-guarantee' = 'at-least-once'`,
    ]),
    `)`,
  ].join("\n");
}

/** Whether a node's output can be sampled: append-only with event time (an updating result cannot enter a window). */
export function sampleable(relation: Relation): boolean {
  return relation.timed && relation.upsertKey === null;
}

/**
 * The views of a relation's window samples (`smp_<key>_in`: each record's
 * sample text behind a random key; `smp_<key>`: per one-second window,
 * the JSON texts with the smallest and largest random prefix) and the SELECT
 * that writes them into the samples table under `key` (a node id, or
 * `<node id>.<output>`): one or two rows per window. Each sample is `{"at", "timestamp", "fields"}`, as the
 * sample panel reads it.
 */
export function sampleStatements(key: string, from: Relation): { views: string[]; select: string } {
  // Named like the node's own views (`n_<id>`, `n_<id>__<output>`), so two keys never share a name.
  const view = `smp_${key.replace(".", "__")}`;
  const fields = `JSON_OBJECT(${from.columns.map((c) => `KEY ${flinkString(c.name)} VALUE ${q(c.name)}`).join(", ")} ABSENT ON NULL)`;
  const sample = `JSON_OBJECT(KEY 'at' VALUE ${epochMillisOf("CURRENT_ROW_TIMESTAMP()")}, KEY 'timestamp' VALUE ${epochMillisOf(q(TS))}, KEY 'fields' VALUE ${fields})`;
  // A fixed-width random prefix, so MIN and MAX pick records uniformly; cut off again when written.
  const keyed = `CONCAT(LPAD(CAST(RAND_INTEGER(1000000000) AS STRING), 9, '0'), SUBSTRING(${sample} FROM 1 FOR ${maxSampleChars}))`;
  // The keyed text in a view of its own first: the window adds `window_start`/`window_end`, which a windowed reduce's output already has.
  const keyedView = `${view}_in`;
  const definitions = [
    `CREATE TEMPORARY VIEW ${q(keyedView)} AS\nSELECT ${keyed} AS ${q("s")}, ${q(TS)}\nFROM ${q(from.name)}`,
    [
      `CREATE TEMPORARY VIEW ${q(view)} AS`,
      `SELECT MIN(${q("s")}) AS ${q("first")}, MAX(${q("s")}) AS ${q("last")}`,
      `FROM TABLE(TUMBLE(TABLE ${q(keyedView)}, DESCRIPTOR(${q(TS)}), INTERVAL '1' SECOND))`,
      `GROUP BY ${q("window_start")}, ${q("window_end")}`,
    ].join("\n"),
  ];
  // One SELECT, so the planner computes the aggregate once (two SELECTs of the view made it twice, measured in EXPLAIN).
  const both = `CASE WHEN ${q("last")} = ${q("first")} THEN ARRAY[${q("first")}] ELSE ARRAY[${q("first")}, ${q("last")}] END`;
  return {
    views: definitions,
    select: `SELECT ${flinkString(key)}, SUBSTRING(${q("x")} FROM 10) FROM ${q(view)} CROSS JOIN UNNEST(${both}) AS ${q("t")}(${q("x")})`,
  };
}

/** The one INSERT of the job into the samples table (one sink operator for every node's samples). */
export function samplesInsert(selects: readonly string[]): string {
  return `INSERT INTO ${q(SAMPLES_TABLE)}\n${selects.join("\nUNION ALL\n")}`;
}
