import { registryFormatOnFlink } from "../../formats/registry-formats";
import { flinkIdentifier as q, flinkString } from "../../expr/compile-flink-sql";
import { kafkaClientOptions } from "../../flink-sql/kafka-client";
import { sinkDeliveryOptions } from "../../flink-sql/dead-letters";
import type { FlinkPart } from "../../flink-sql/lowering";
import { describeColumns, flinkType, withOptions } from "../../flink-sql/sql";
import type { KafkaSinkData } from "./description";

/**
 * A Kafka table and the INSERT into it: `kafka` for append-only input,
 * `upsert-kafka` keyed by the group-by fields for an updating result.
 */
export const kafkaSinkFlink: FlinkPart<KafkaSinkData> = {
  supported: true,
  operatorPattern: null,
  analyse: ({ data, input, use }) => {
    if (data.key) use(input, data.key.split("."), null);
    return input;
  },
  lower: ({ nodeId, data, options, input, define, insert, table, output, problem }) => {
    if (data.format !== "json") throw problem(registryFormatOnFlink(data.format), "format");
    const from = input();
    if (from.openFrom.size > 0) {
      const sources = [...from.openFrom].map((id) => `'${id}'`).join(", ");
      throw problem(
        `records reaching this sink still carry every field of JSON source ${sources}, and Flink only knows the fields the pipeline names; add a Map node before the sink that lists the output fields`,
      );
    }
    const name = `snk_${nodeId}`;
    const keyName = data.key?.split(".")[0];
    if (data.key && data.key.includes(".")) throw problem("a nested key field is not supported on Flink; map it to a top-level field first", "key");
    const keyColumn = keyName ? from.columns.find((c) => c.name === keyName) : undefined;
    if (keyName && !keyColumn) throw problem(`key field '${keyName}' is not a field of the records reaching this sink (${describeColumns(from.columns)})`, "key");
    const columns = from.columns;
    const tableOptions = [`'topic' = ${flinkString(data.topic)}`, ...kafkaClientOptions(options, data.connection)];
    const valueFormat = [`'value.format' = 'json'`, `'value.json.encode.decimal-as-plain-number' = 'true'`, `'value.fields-include' = 'ALL'`];
    let connector: "kafka" | "upsert-kafka";
    let primaryKey = "";
    if (from.upsertKey) {
      if (from.upsertKey.length === 0) {
        throw problem("this sink receives the updates of a reduce without group-by fields; upsert-kafka needs a key, so group by at least one field");
      }
      if (keyName && (from.upsertKey.length !== 1 || from.upsertKey[0] !== keyName)) {
        throw problem(`on Flink the Kafka key of an updating result is its group-by fields (${from.upsertKey.join(", ")}); set the key to ${from.upsertKey.length === 1 ? `'${from.upsertKey[0]}'` : "nothing"} or change the reduce`, "key");
      }
      connector = "upsert-kafka";
      primaryKey = `,\n  PRIMARY KEY (${from.upsertKey.map(q).join(", ")}) NOT ENFORCED`;
      const single = from.upsertKey.length === 1 ? columns.find((c) => c.name === from.upsertKey![0]) : undefined;
      // A single string key is written as its text, as the embedded sink writes a string key.
      tableOptions.unshift(`'connector' = 'upsert-kafka'`);
      tableOptions.push(single?.type.kind === "STRING" ? `'key.format' = 'raw'` : `'key.format' = 'json'`, ...valueFormat);
    } else {
      connector = "kafka";
      tableOptions.unshift(`'connector' = 'kafka'`);
      if (keyColumn) {
        tableOptions.push(`'key.fields' = ${flinkString(keyColumn.name)}`, keyColumn.type.kind === "STRING" ? `'key.format' = 'raw'` : `'key.format' = 'json'`, ...valueFormat);
      } else {
        tableOptions.push(`'value.format' = 'json'`, `'value.json.encode.decimal-as-plain-number' = 'true'`);
      }
    }
    // Exactly-once: transactions committed when a checkpoint completes, so `read_committed` readers see results once per checkpoint interval.
    tableOptions.push(...sinkDeliveryOptions(options, nodeId));
    define([`CREATE TEMPORARY TABLE ${q(name)} (`, columns.map((c) => `  ${q(c.name)} ${flinkType(c.type)}`).join(",\n") + primaryKey, `) WITH (`, withOptions(tableOptions), `)`].join("\n"));
    insert(`INSERT INTO ${q(name)}\nSELECT ${columns.map((c) => q(c.name)).join(", ")}\nFROM ${q(from.name)}`);
    table({ table: name, topic: data.topic, role: "sink", connector });
    output({ name, columns, timed: false, upsertKey: null, openFrom: new Set() });
  },
};
