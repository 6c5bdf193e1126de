// Micro-benchmark of the record batch decoder (engine/kafka/record-batch-decoder.ts):
// ops/s of decoding one fetched batch of 1,000 of the benchmark's JSON records
// with kafkajs's decoder as shipped and with ours. Interleaved rounds, medians.
//
//   npx tsx bench/record-decoder-bench.ts [--rounds 8] [--ms 1000]
import { createRequire } from "node:module";
import os from "node:os";
import { recordBatchDecoders, recordEncoders } from "../engine/kafka/kafkajs-patches";
import { median, opsPerSecond } from "./ops-per-second";
import { makeRecord } from "./records";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const rounds = option("rounds", 8);
const roundMs = option("ms", 1_000);

const require = createRequire(import.meta.url);
const { RecordBatch } = require("kafkajs/src/protocol/recordBatch/v0/index.js") as { RecordBatch: (options: Record<string, unknown>) => Promise<{ buffer: Buffer }> };
const Decoder = require("kafkajs/src/protocol/decoder") as new (buffer: Buffer) => unknown;
const Long = require("kafkajs/src/utils/long") as { fromValue: (value: unknown) => unknown };
if (!recordBatchDecoders || !recordEncoders) throw new Error("The kafkajs patches are not installed");
const decoders = { "kafkajs as shipped": recordBatchDecoders.original, ours: recordBatchDecoders.fast };



async function main() {
  const first = makeRecord(0).timestamp;
  const records = Array.from({ length: 1_000 }, (_, i) => {
    const r = makeRecord(i);
    return recordEncoders!.original({ offsetDelta: i, timestampDelta: r.timestamp - first, key: r.key, value: r.value });
  });
  const bytes = (await RecordBatch({ records, firstOffset: Long.fromValue(1_234_567), firstTimestamp: first, maxTimestamp: first + 999, lastOffsetDelta: 999, transactional: true, producerId: Long.fromValue(4242), producerEpoch: 3 })).buffer;
  const names = Object.keys(decoders) as (keyof typeof decoders)[];
  const decoded = await Promise.all(names.map((name) => decoders[name](new Decoder(bytes))));
  if (JSON.stringify(decoded[0]) !== JSON.stringify(decoded[1])) throw new Error("The decoders disagree");
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) await opsPerSecond(() => decoders[name](new Decoder(bytes)), roundMs);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      results[name]!.push(await opsPerSecond(() => decoders[name](new Decoder(bytes)), roundMs));
    }
  }
  const base = median(results["kafkajs as shipped"]!);
  console.log(`1,000-record fetched batch (${bytes.length.toLocaleString("en")} bytes), ${rounds} interleaved rounds of ${roundMs} ms, load ${os.loadavg()[0]!.toFixed(1)}`);
  for (const name of names) {
    const list = results[name]!;
    console.log(`${name.padEnd(20)} median ${Math.round(median(list)).toLocaleString("en").padStart(7)} ops/s  (${Math.round(Math.min(...list)).toLocaleString("en")}–${Math.round(Math.max(...list)).toLocaleString("en")})  ${(median(list) / base).toFixed(2)}×  ${(1_000_000 / median(list) / 1000).toFixed(2)} µs/record`);
  }
}

await main();
