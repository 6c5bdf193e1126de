import { registryFormatOnFlink } from "../../formats/registry-formats";
import { T, type RowField, type Type } from "../../expr";
import { flinkIdentifier as q, flinkString } from "../../expr/compile-flink-sql";
import { kafkaClientOptions } from "../../flink-sql/kafka-client";
import type { FlinkPart } from "../../flink-sql/lowering";
import { flinkType, interval, ORIGIN, TS, withOptions } from "../../flink-sql/sql";
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
  lower: ({ nodeId, data, options, sourceColumns, watermarkDelay, define, table, view, output, deadLetter, warn, problem }) => {
    if (data.format !== "json" && data.format !== "text") throw problem(registryFormatOnFlink(data.format), "format");
    const name = `src_${nodeId}`;
    const columns: RowField[] = data.format === "text" ? [{ name: "text", type: T.string }] : sourceColumns();
    if (columns.length === 0) {
      throw problem("no field of this JSON source is used downstream, so Flink cannot declare its columns; name the fields with a Map node");
    }
    // The extra millisecond: Flink fires a window when the watermark reaches its end − 1 and counts a record
    // at the watermark as late, where the embedded engine waits for the end and counts only records behind it.
    const lateness = watermarkDelay();
    const delayMs = (data.watermarkDelayMs ?? defaultWatermarkDelayMs) + (lateness === undefined ? 0 : lateness + 1);
    const watermark = delayMs > 0 ? `${q(TS)} - ${interval(delayMs)}` : q(TS);
    const idleTimeoutMs = data.idleTimeoutMs ?? defaultIdleTimeoutMs;
    const clientOptions = [
      `'connector' = 'kafka'`,
      `'topic' = ${flinkString(data.topic)}`,
      ...kafkaClientOptions(options, data.connection),
      `'properties.group.id' = ${flinkString(options.groupId)}`,
      ...(options.resumeFromGroupOffsets
        ? // Continuing a job that left no savepoint: from where its source committed (on each checkpoint).
          [`'scan.startup.mode' = 'group-offsets'`, `'properties.auto.offset.reset' = '${data.startFrom === "earliest" ? "earliest" : "latest"}'`]
        : [`'scan.startup.mode' = '${data.startFrom === "earliest" ? "earliest-offset" : "latest-offset"}'`]),
      // Only committed records, as the embedded engine reads: an aborted transaction's records never count.
      `'properties.isolation.level' = 'read_committed'`,
      // A partition without records for this long stops holding the watermark (and every window) back.
      ...(idleTimeoutMs > 0 ? [`'scan.watermark.idle-timeout' = '${idleTimeoutMs} ms'`] : []),
    ];
    const originColumns = [`${q("__topic")} STRING METADATA FROM 'topic' VIRTUAL,`, `${q("__partition")} INT METADATA FROM 'partition' VIRTUAL,`, `${q("__offset")} BIGINT METADATA FROM 'offset' VIRTUAL,`];
    if (columns.some((c) => c.type.kind === "ROW")) {
      // Nested fields need a ROW built in SQL, and Flink 1.20 cannot expand a view holding CAST(ROW(…) AS ROW<…>):
      // such a source keeps Flink's json format, which skips what it cannot parse.
      warn("this source's nested fields are read with Flink's json format, which drops records it cannot decode where the embedded engine dead-letters them; read only top-level fields (or map the nested ones downstream of another source) to get those dead letters");
      const time = data.timeField
        ? `${q(TS)} AS COALESCE(TO_TIMESTAMP_LTZ(${eventTimeMillis(data.timeField.split(".").map(q).join("."), data.timeFormat ?? "epoch-millis", true)}, 3), TO_TIMESTAMP_LTZ(0, 3)),`
        : `${q(TS)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,`;
      define(
        [
          `CREATE TEMPORARY TABLE ${q(name)} (`,
          ...columns.map((c) => `  ${q(c.name)} ${flinkType(c.type)},`),
          ...originColumns.map((line) => `  ${line}`),
          `  ${time}`,
          `  WATERMARK FOR ${q(TS)} AS ${watermark}`,
          `) WITH (`,
          withOptions([...clientOptions, `'format' = 'json'`, `'json.ignore-parse-errors' = 'true'`, `'json.fail-on-missing-field' = 'false'`]),
          `)`,
        ].join("\n"),
      );
      table({ table: name, topic: data.topic, role: "source", connector: "kafka" });
      output({ name, columns, timed: true, upsertKey: null, openFrom: new Set([nodeId]), origin: true });
      return;
    }
    // The value is read as bytes and decoded in SQL, so what the embedded engine cannot decode can be told apart and dead-lettered.
    const millis = data.timeField ? eventTimeMillis(jsonField(`CAST(${q("__value")} AS STRING)`, data.timeField), data.timeFormat ?? "epoch-millis") : null;
    const time = millis
      ? [
          `${q(KAFKA_TS)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,`,
          `${q(TS)} AS COALESCE(TO_TIMESTAMP_LTZ(${millis}, 3), TO_TIMESTAMP_LTZ(0, 3)),`,
          `${q(TIME_OK)} AS (${millis}) IS NOT NULL,`,
        ]
      : [`${q(TS)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,`];
    define(
      [
        `CREATE TEMPORARY TABLE ${q(name)} (`,
        `  ${q(VALUE)} BYTES,`,
        `  ${q(TEXT)} AS CAST(${q(VALUE)} AS STRING),`,
        ...originColumns.map((line) => `  ${line}`),
        ...time.map((line) => `  ${line}`),
        `  WATERMARK FOR ${q(TS)} AS ${watermark}`,
        `) WITH (`,
        withOptions([...clientOptions, `'format' = 'raw'`]),
        `)`,
      ].join("\n"),
    );
    table({ table: name, topic: data.topic, role: "source", connector: "kafka" });

    // What the embedded decoder refuses, in its order: no value, not UTF-8, not JSON, not a JSON object.
    const text = q(TEXT);
    const checks: [string, string][] = [
      [`${q(VALUE)} IS NULL`, flinkString("The message has no value (a tombstone); a source needs a value to decode")],
      [`ENCODE(${text}, 'UTF-8') <> ${q(VALUE)}`, flinkString("The message value is not valid UTF-8")],
    ];
    if (data.format === "json") {
      checks.push(
        [`${text} IS NOT JSON`, flinkString("The message value is not valid JSON")],
        [
          `${text} IS NOT JSON OBJECT`,
          `'A json source needs each value to be a JSON object, got ' || CASE WHEN ${text} IS JSON ARRAY THEN 'an array' WHEN TRIM(${text}) = 'null' THEN 'null' WHEN TRIM(${text}) IN ('true', 'false') THEN 'boolean' WHEN TRIM(${text}) LIKE '"%' THEN 'string' ELSE 'number' END`,
        ],
      );
    }
    const undecodable = `(${checks.map(([when]) => when).join(" OR ")}) IS NOT FALSE`;
    const decodeMessage = `CASE ${checks.map(([when, message]) => `WHEN ${when} THEN ${message}`).join(" ")} END`;
    const timeMessage =
      data.timeFormat === "iso-8601"
        ? `The event-time field '${data.timeField}' is missing or not an ISO-8601 date-time with a zone (e.g. 2026-01-01T12:00:00.000Z)`
        : `The event-time field '${data.timeField}' is missing or not a whole number of epoch milliseconds`;
    const failed = millis ? `${undecodable} OR ${q(TIME_OK)} IS NOT TRUE` : undecodable;
    const fields = data.format === "text" ? [`${text} AS ${q("text")}`] : columns.map((c) => `${decodeJson(text, [c.name], c.type)} AS ${q(c.name)}`);
    const relation = { columns, timed: true, upsertKey: null, openFrom: new Set(data.format === "json" ? [nodeId] : []), origin: true };
    view(`SELECT\n  ${[...fields, ...ORIGIN.map(q), q(TS)].join(",\n  ")}\nFROM ${q(name)}\nWHERE NOT (${failed})`, relation);
    deadLetter({
      from: { ...relation, name },
      where: failed,
      code: millis ? { sql: `CASE WHEN ${undecodable} THEN 'decode-error' ELSE 'event-time-error' END` } : "decode-error",
      message: millis ? `CASE WHEN ${undecodable} THEN ${decodeMessage} ELSE ${flinkString(timeMessage)} END` : decodeMessage,
      value: q(VALUE),
      timestamp: q(millis ? KAFKA_TS : TS),
    });
  },
};

/** The raw value, its text, the Kafka timestamp (when event time is a field) and whether the field gave a time. */
const VALUE = "__value";
const TEXT = "__text";
const KAFKA_TS = "__kafka_ts";
const TIME_OK = "__time_ok";

/** A JSON path for a field path: `$.a.b`, with `$['…']` for names that are not plain identifiers. */
function jsonPath(path: string[]): string {
  return `$${path.map((name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `['${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`)).join("")}`;
}

/** A JSON field of the text as STRING: a scalar's text, an object or array as its JSON (as Flink's json format reads them). */
function jsonField(text: string, path: string): string {
  const at = flinkString(jsonPath(path.split(".")));
  return `COALESCE(JSON_VALUE(${text}, ${at}), JSON_QUERY(${text}, ${at}))`;
}

/**
 * A JSON field decoded as its column type. Numbers and booleans go through
 * their text (Flink's `JSON_VALUE … RETURNING DOUBLE` fails the job on an
 * integer); a value of another kind becomes NULL. A nested row is NULL when
 * the object is missing.
 */
function decodeJson(text: string, path: string[], type: Type): string {
  const at = flinkString(jsonPath(path));
  switch (type.kind) {
    case "ROW": {
      const inner = `CAST(ROW(${type.fields.map((f) => decodeJson(text, [...path, f.name], f.type)).join(", ")}) AS ${flinkType(type)})`;
      return `CASE WHEN JSON_QUERY(${text}, ${at}) IS NULL THEN CAST(NULL AS ${flinkType(type)}) ELSE ${inner} END`;
    }
    case "ARRAY":
      return `JSON_QUERY(${text}, ${at} RETURNING ${flinkType(type)})`;
    case "STRING":
      return `COALESCE(JSON_VALUE(${text}, ${at}), JSON_QUERY(${text}, ${at}))`;
    default:
      return `TRY_CAST(JSON_VALUE(${text}, ${at}) AS ${flinkType(type)})`;
  }
}

/**
 * The event time of a record from its time field as epoch milliseconds, as
 * the embedded source reads it: epoch milliseconds, or an ISO-8601 date-time
 * with seconds and a zone (`Z` or ±hh:mm; fractions to the millisecond); NULL
 * when missing or unreadable. Such a record is dead-lettered
 * (`event-time-error`) and its time column falls back to the epoch (a NULL
 * event time would fail the Flink job).
 */
function eventTimeMillis(field: string, format: "epoch-millis" | "iso-8601", typed = false): string {
  return format === "epoch-millis"
    ? `${typed ? "CAST" : "TRY_CAST"}(${field} AS BIGINT)`
    : `UNIX_TIMESTAMP(REGEXP_REPLACE(${field}, '\\.[0-9]+', ''), 'yyyy-MM-dd''T''HH:mm:ssXXX') * 1000 + COALESCE(CAST(RPAD(REGEXP_EXTRACT(${field}, '\\.([0-9]{1,3})', 1), 3, '0') AS BIGINT), 0)`;
}
