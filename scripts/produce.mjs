#!/usr/bin/env node
// Produces test data: each line of standard input becomes one record.
//   node scripts/produce.mjs test                 type lines, Ctrl+D to finish
//   printf 'to be or not to be\n' | node scripts/produce.mjs test
// KAFKA_BROKERS picks the cluster (default: the local broker).
import { createInterface } from "node:readline";
import { Kafka, logLevel } from "kafkajs";

const topic = process.argv[2];
if (!topic) {
  console.error("usage: node scripts/produce.mjs <topic>   (lines from standard input become records)");
  process.exit(2);
}
const kafka = new Kafka({ clientId: "streamline-produce", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING });
// Idempotent: a send right after a topic is created can fail for one partition and be retried whole,
// which a plain producer would append twice on the partitions that had taken it.
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
let count = 0;
if (process.stdin.isTTY) console.error(`Type lines for topic '${topic}'; Ctrl+D ends.`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.length === 0) continue;
  await producer.send({ topic, messages: [{ value: line }] });
  count++;
}
await producer.disconnect();
console.error(`Produced ${count} record${count === 1 ? "" : "s"} to ${topic}.`);
