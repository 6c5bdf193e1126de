import { registryFormatOnFlink } from "../../formats/registry-formats";
import { T } from "../../expr";
import { flinkIdentifier as q, flinkString } from "../../expr/compile-flink-sql";
import { kafkaClientOptions } from "../../flink-sql/kafka-client";
import type { FlinkPart } from "../../flink-sql/lowering";
import { flinkType, interval, TS, withOptions } from "../../flink-sql/sql";
import { defaultIdleTimeoutMs, defaultWatermarkDelayMs } from "../../runtime/watermark-tracker";
import type { KafkaSourceData } from "./description";

/**
 * A Kafka table with event time `__ts` (the record timestamp, or a computed
 * column from the time field), watermarked by the source's delay plus the
 * largest allowed lateness downstream, with the source's idle timeout. A JSON
 * source declares the fields the pipeline reads, typed by how they are used.
 */
export const kafkaSourceFlink: FlinkPart<KafkaSourceData> = {
  supported: true,
  operatorPattern: null,
  analyse: ({ nodeId, data, declareJsonSource, use }) => {
    if (data.format === "json") declareJsonSource();
    const reach = { sources: new Set(data.format === "json" ? [nodeId] : []), known: new Set(data.format === "json" ? [] : ["text"]), upstream: new Set([nodeId]) };
    if (data.format === "json" && data.timeField) use(reach, data.timeField.split("."), data.timeFormat === "iso-8601" ? "STRING" : "NUMBER");
    return reach;
  },
  lower: ({ nodeId, data, options, sourceColumns, watermarkDelay, define, table, output, problem }) => {
    if (data.format !== "json" && data.format !== "text") throw problem(registryFormatOnFlink(data.format), "format");
    const name = `src_${nodeId}`;
    const columns = data.format === "text" ? [{ name: "text", type: T.string }] : sourceColumns();
    if (columns.length === 0) {
      throw problem("no field of this JSON source is used downstream, so Flink cannot declare its columns; name the fields with a Map node");
    }
    // The extra millisecond: Flink fires a window when the watermark reaches its end − 1 and counts a record
    // at the watermark as late, where the embedded engine waits for the end and counts only records behind it.
    const lateness = watermarkDelay();
    const delayMs = (data.watermarkDelayMs ?? defaultWatermarkDelayMs) + (lateness === undefined ? 0 : lateness + 1);
    const watermark = delayMs > 0 ? `${q(TS)} - ${interval(delayMs)}` : q(TS);
    const idleTimeoutMs = data.idleTimeoutMs ?? defaultIdleTimeoutMs;
    const time = data.timeField ? `${q(TS)} AS ${eventTimeColumn(data.timeField, data.timeFormat ?? "epoch-millis")},` : `${q(TS)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,`;
    const format =
      data.format === "text"
        ? [`'format' = 'raw'`, `'raw.charset' = 'UTF-8'`]
        : [`'format' = 'json'`, `'json.ignore-parse-errors' = 'true'`, `'json.fail-on-missing-field' = 'false'`];
    define(
      [
        `CREATE TEMPORARY TABLE ${q(name)} (`,
        ...columns.map((c) => `  ${q(c.name)} ${flinkType(c.type)},`),
        `  ${time}`,
        `  WATERMARK FOR ${q(TS)} AS ${watermark}`,
        `) WITH (`,
        withOptions([
          `'connector' = 'kafka'`,
          `'topic' = ${flinkString(data.topic)}`,
          ...kafkaClientOptions(options, data.connection),
          `'properties.group.id' = ${flinkString(options.groupId)}`,
          `'scan.startup.mode' = '${data.startFrom === "earliest" ? "earliest-offset" : "latest-offset"}'`,
          // Only committed records, as the embedded engine reads: an aborted transaction's records never count.
          `'properties.isolation.level' = 'read_committed'`,
          // A partition without records for this long stops holding the watermark (and every window) back.
          ...(idleTimeoutMs > 0 ? [`'scan.watermark.idle-timeout' = '${idleTimeoutMs} ms'`] : []),
          ...format,
        ]),
        `)`,
      ].join("\n"),
    );
    table({ table: name, topic: data.topic, role: "source", connector: "kafka" });
    output({ name, columns, timed: true, upsertKey: null, openFrom: new Set(data.format === "json" ? [nodeId] : []) });
  },
};

/**
 * The event time of a record from its time field, as the embedded source
 * reads it: epoch milliseconds, or an ISO-8601 date-time with seconds and a
 * zone (`Z` or ±hh:mm; fractions to the millisecond). A missing or
 * unreadable time becomes the epoch, which every window treats as late, as
 * the embedded engine dead-letters such a record (a NULL event time would fail
 * the Flink job).
 */
function eventTimeColumn(path: string, format: "epoch-millis" | "iso-8601"): string {
  const field = path.split(".").map(q).join(".");
  const millis =
    format === "epoch-millis"
      ? `CAST(${field} AS BIGINT)`
      : `UNIX_TIMESTAMP(REGEXP_REPLACE(${field}, '\\.[0-9]+', ''), 'yyyy-MM-dd''T''HH:mm:ssXXX') * 1000 + COALESCE(CAST(RPAD(REGEXP_EXTRACT(${field}, '\\.([0-9]{1,3})', 1), 3, '0') AS BIGINT), 0)`;
  return `COALESCE(TO_TIMESTAMP_LTZ(${millis}, 3), TO_TIMESTAMP_LTZ(0, 3))`;
}
