import { T } from "../../expr";
import { flinkIdentifier as q, flinkString } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { flinkType, interval, TS, withOptions } from "../../flink-sql/sql";
import type { KafkaSourceData } from "./description";

/**
 * A Kafka table with the record timestamp as event time (`__ts`), watermarked
 * by the largest allowed lateness downstream. A JSON source declares the
 * fields the pipeline reads, typed by how they are used.
 */
export const kafkaSourceFlink: FlinkPart<KafkaSourceData> = {
  supported: true,
  operatorPattern: null,
  analyse: ({ nodeId, data, declareJsonSource }) => {
    if (data.format === "json") declareJsonSource();
    return { sources: new Set(data.format === "json" ? [nodeId] : []), known: new Set(data.format === "json" ? [] : ["text"]), upstream: new Set([nodeId]) };
  },
  lower: ({ nodeId, data, options, sourceColumns, watermarkDelay, define, table, output, problem }) => {
    const name = `src_${nodeId}`;
    const columns = data.format === "text" ? [{ name: "text", type: T.string }] : sourceColumns();
    if (columns.length === 0) {
      throw problem("no field of this JSON source is used downstream, so Flink cannot declare its columns; name the fields with a Map node");
    }
    const delayMs = watermarkDelay() ?? 0;
    const watermark = delayMs > 0 ? `${q(TS)} - ${interval(delayMs)}` : q(TS);
    const format =
      data.format === "text"
        ? [`'format' = 'raw'`, `'raw.charset' = 'UTF-8'`]
        : [`'format' = 'json'`, `'json.ignore-parse-errors' = 'true'`, `'json.fail-on-missing-field' = 'false'`];
    define(
      [
        `CREATE TEMPORARY TABLE ${q(name)} (`,
        ...columns.map((c) => `  ${q(c.name)} ${flinkType(c.type)},`),
        `  ${q(TS)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,`,
        `  WATERMARK FOR ${q(TS)} AS ${watermark}`,
        `) WITH (`,
        withOptions([
          `'connector' = 'kafka'`,
          `'topic' = ${flinkString(data.topic)}`,
          `'properties.bootstrap.servers' = ${flinkString(options.bootstrapServers)}`,
          `'properties.group.id' = ${flinkString(options.groupId)}`,
          `'scan.startup.mode' = '${data.startFrom === "earliest" ? "earliest-offset" : "latest-offset"}'`,
          ...format,
        ]),
        `)`,
      ].join("\n"),
    );
    table({ table: name, topic: data.topic, role: "source", connector: "kafka" });
    output({ name, columns, timed: true, upsertKey: null, openFrom: new Set(data.format === "json" ? [nodeId] : []) });
  },
};
