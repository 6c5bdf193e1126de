// The codec work of the stateless-avro workload beside JSON, per record, in
// process (no Kafka, no registry: schemas cached under chosen ids): decoding
// the 200,000 bench records and encoding an output value of the stateless map.
// Figures quoted in RESULTS.md ("Avro in and out beside JSON").
//
//   npx tsx bench/codec-cost.ts
import { RegistryCodec } from "../engine/formats/registry-codec";
import { avroRecords, benchRecordAvroSchema } from "./avro-records";
import { makeRecord } from "./records";
const codec = new RegistryCodec({ url: "http://127.0.0.1:9" });
codec.preload(1, "avro", JSON.stringify(benchRecordAvroSchema));
const out = { type: "record", name: "o", fields: ["id", "category", "total"].map((n) => ({ name: n, type: ["null", n === "total" ? "double" : "string"], default: null })) };
codec.preload(2, "avro", JSON.stringify(out));
const N = 200_000;
const json = Array.from({ length: N }, (_, i) => Buffer.from(makeRecord(i).value));
const make = avroRecords(makeRecord, (f) => codec.encode(1, f));
const avro = Array.from({ length: N }, (_, i) => make(i).value as Buffer);
const utf8 = new TextDecoder("utf-8", { fatal: true });
const time = (name: string, fn: () => void) => { for (let r = 0; r < 2; r++) fn(); const t = performance.now(); for (let r = 0; r < 3; r++) fn(); const us = ((performance.now() - t) / 3 / N) * 1000; console.log(`${name}: ${us.toFixed(2)} µs/record`); };
console.log(`input bytes: json ${json.reduce((a, b) => a + b.length, 0) / N}, avro ${avro.reduce((a, b) => a + b.length, 0) / N}`);
let sink: unknown;
time("decode json (utf8 + JSON.parse)", () => { for (const v of json) sink = JSON.parse(utf8.decode(v)); });
time("decode avro (codec.decode)", () => { for (const v of avro) sink = codec.decode(v, "avro"); });
const o = { id: "k0000042", category: "BOOKS", total: 12.3453 };
time("encode json (JSON.stringify)", () => { for (let i = 0; i < N; i++) sink = JSON.stringify(o); });
time("encode avro (codec.encode)", () => { for (let i = 0; i < N; i++) sink = codec.encode(2, { id: o.id, category: o.category, total: o.total }); });
console.log(`output bytes: json ${Buffer.byteLength(JSON.stringify(o))}, avro ${codec.encode(2, o).length}`);
void sink;
