// Micro-benchmark of the produce request encoder (engine/kafka/produce-request-encoder.ts):
// ops/s of encoding one produce request of 1,000 records (the benchmark's JSON
// records, string timestamps, 3 partitions, transactional) with kafkajs's
// encoder as shipped, kafkajs's with the engine's record encoder (what the
// engine used before), and ours. Interleaved rounds, medians.
//
//   npx tsx bench/produce-encoder-bench.ts [--rounds 8] [--ms 1000]
import { createRequire } from "node:module";
import { produceRequests } from "../engine/kafka/kafkajs-patches";
import type { ProduceRequestOptions } from "../engine/kafka/produce-request-encoder";
import { median, opsPerSecond } from "./ops-per-second";
import { makeRecord } from "./records";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const rounds = option("rounds", 8);
const roundMs = option("ms", 1_000);

const require = createRequire(import.meta.url);
const Long = require("kafkajs/src/utils/long") as { fromValue: (value: unknown) => unknown };
if (!produceRequests) throw new Error("The kafkajs patches are not installed");
const encoders = { "kafkajs as shipped": produceRequests.original, "kafkajs + engine record encoder": produceRequests.withFastRecords, ours: produceRequests.fast };

const partitions = [0, 1, 2].map((partition) => ({ partition, firstSequence: 0, messages: [] as { key: string; value: string; timestamp: string }[] }));
for (let i = 0; i < 1_000; i++) {
  const r = makeRecord(i);
  partitions[i % 3]!.messages.push({ key: r.key, value: r.value, timestamp: String(r.timestamp) });
}
const options: ProduceRequestOptions = { acks: -1, timeout: 30_000, transactionalId: "streamline.bench", producerId: Long.fromValue(4242n), producerEpoch: 3, topicData: [{ topic: "bench.out", partitions }] };



async function main() {
  const names = Object.keys(encoders) as (keyof typeof encoders)[];
  const sizes = await Promise.all(names.map(async (name) => (await encoders[name](options).encode()).buffer));
  if (!sizes.every((b) => b.equals(sizes[0]!))) throw new Error("The encoders disagree on the bytes");
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  // Warm-up, then rounds in rotating order so that no encoder always runs first.
  for (const name of names) await opsPerSecond(() => encoders[name](options).encode(), roundMs);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      results[name]!.push(await opsPerSecond(() => encoders[name](options).encode(), roundMs));
    }
  }
  const base = median(results["kafkajs as shipped"]!);
  console.log(`1,000-record produce request (${sizes[0]!.length.toLocaleString("en")} bytes), ${rounds} interleaved rounds of ${roundMs} ms, load ${(await import("node:os")).loadavg()[0]!.toFixed(1)}`);
  for (const name of names) {
    const list = results[name]!;
    console.log(`${name.padEnd(32)} median ${Math.round(median(list)).toLocaleString("en").padStart(7)} ops/s  (${Math.round(Math.min(...list)).toLocaleString("en")}–${Math.round(Math.max(...list)).toLocaleString("en")})  ${(median(list) / base).toFixed(2)}×  ${(1_000_000 / median(list) / 1000).toFixed(2)} µs/record`);
  }
}

void main();
