// Checks that the engine and the Kafka Streams application compute the same
// output records for the benchmark's workloads: both run on the same small
// input, their output topics are read back (read_committed) and compared as
// multisets of JSON objects (numbers to 6 decimals: sums add in a different
// order). Windowed workloads are compared on the windows both have closed.
//
//   npx tsx bench/compare-outputs.ts [--only window,hop,join,keys] [--records 45000] [--lines 3000]
import { startBroker } from "../scripts/kafka.mjs";
import { createBenchKafka, sleep, waitForDrain, type BenchKafka } from "./bench-kafka";
import { buildJavaParts, spawnKafkaStreams, type StreamsWorkload } from "./java-tools";
import { startNodeProcess, stopProcess, watch, type Running } from "./process-under-test";
import { baseTime, makePayment, makeRecord } from "./records";
import { hopPipeline, joinPipeline, keysPipeline, statelessPipeline, windowPipeline, wordCountPipeline } from "./workloads";

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const records = Number(value("records") ?? 45_000);
const lines = Number(value("lines") ?? 3_000);
// Not wordcount-cached: which intermediate counts it writes depends on when each system commits.
const only = (value("only") ?? "stateless,wordcount,window,hop,join,keys").split(",") as Exclude<StreamsWorkload, "wordcount-cached">[];
const log = (message: string) => process.stderr.write(`[compare ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** A JSON value with sorted keys and numbers rounded to 6 decimals, as a string to count. */
function canonical(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (typeof v === "number") return Math.round(v * 1e6) / 1e6;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(walk(value));
}

async function readAll(bench: BenchKafka, topic: string): Promise<Record<string, unknown>[]> {
  const consumer = bench.kafka.consumer({ groupId: `${topic}.compare-reader`, readUncommitted: false, maxWaitTimeInMs: 100 });
  // By partition and offset: a rebalance of the reader (this machine is slow) delivers some messages again.
  const byOffset = new Map<string, Record<string, unknown>>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message, partition }) => void byOffset.set(`${partition}/${message.offset}`, JSON.parse(message.value!.toString()) as Record<string, unknown>) });
  const total = await bench.endOffsets([topic]);
  // Quiet for 2 s after reaching (about) the end offsets: transaction markers count in them.
  let seen = -1;
  for (let waited = 0; waited < 120_000 && (byOffset.size !== seen || byOffset.size < total * 0.5); waited += 2_000) {
    seen = byOffset.size;
    await sleep(2_000);
  }
  await consumer.disconnect();
  return [...byOffset.values()];
}

/** Runs a system until its group has committed the input; returns the tail of its output (for a difference's report). */
async function run(bench: BenchKafka, start: () => Running, groupId: string, topics: string[], total: number, internalPrefix?: string): Promise<string> {
  const proc = start();
  try {
    await Promise.race([proc.running, sleep(180_000).then(() => Promise.reject(new Error(`did not start:\n${proc.output()}`)))]);
    await waitForDrain(bench, { groupId, topics, total, timeoutMs: 600_000, alive: proc.alive, internalPrefix });
    await sleep(1_000);
    return proc.output();
  } finally {
    await stopProcess(proc.child);
  }
}

async function main() {
  const broker = (await startBroker({ log })) as { brokers?: string[] };
  const brokers = broker.brokers ?? ["127.0.0.1:9092"];
  buildJavaParts(log);
  const bench = createBenchKafka(brokers);
  const id = `compare-${Date.now().toString(36)}`;
  const topics = { records: `${id}.records`, lines: `${id}.lines`, payments: `${id}.payments` };
  let failed = 0;
  try {
    await bench.createTopics(Object.values(topics), 3);
    await bench.preload(topics.records, records, makeRecord);
    await bench.preload(topics.lines, lines, makeRecord);
    await bench.preload(topics.payments, Math.ceil(lines / 2), (i) => makePayment(i * 2));
    const cases = {
      stateless: { input: [topics.records], total: records, document: (out: string) => statelessPipeline(topics.records, out) },
      wordcount: { input: [topics.lines], total: lines, document: (out: string) => wordCountPipeline(topics.lines, out) },
      window: { input: [topics.records], total: records, document: (out: string) => windowPipeline(topics.records, out) },
      hop: { input: [topics.records], total: records, document: (out: string) => hopPipeline(topics.records, out) },
      join: { input: [topics.lines, topics.payments], total: lines + Math.ceil(lines / 2), document: (out: string) => joinPipeline(topics.lines, topics.payments, out) },
      keys: { input: [topics.records], total: records, document: (out: string) => keysPipeline(topics.records, out) },
    };
    // Windows both systems have surely closed: stream time minus the 30 s lateness, with a margin.
    const closedBy = baseTime + records - 30_000 - 5_000;
    for (const workload of only) {
      const c = cases[workload];
      const engineOut = `${id}.${workload}.engine`;
      const streamsId = `${id}.${workload}.streams`;
      await bench.createTopics([engineOut, `${streamsId}.out`], 3);
      const pipelineId = `${id}.${workload}`;
      const engineLog = await run(bench, () => startNodeProcess({ kind: "engine", brokers, client: "kafkajs", pipelineId, document: c.document(engineOut), guarantee: "exactly-once", deadLetterTopic: `${pipelineId}.dlq` }), `streamline.${pipelineId}.g0`, c.input, c.total);
      await run(bench, () => watch(spawnKafkaStreams({ brokers, appId: streamsId, workload, input: c.input[0]!, input2: c.input[1], output: `${streamsId}.out`, guarantee: "exactly-once", emitIntervalMs: 0 }), (l) => l.includes("RUNNING")), streamsId, c.input, c.total, `${streamsId}-`);
      const windowed = workload === "window" || workload === "hop";
      const keep = (r: Record<string, unknown>) => !windowed || (r.window_end as number) <= closedBy;
      const count = (list: Record<string, unknown>[]) => {
        const counts = new Map<string, number>();
        for (const r of list.filter(keep)) counts.set(canonical(r), (counts.get(canonical(r)) ?? 0) + 1);
        return counts;
      };
      const engine = count(await readAll(bench, engineOut));
      const streams = count(await readAll(bench, `${streamsId}.out`));
      const onlyEngine = [...engine].filter(([k, n]) => (streams.get(k) ?? 0) !== n);
      const onlyStreams = [...streams].filter(([k, n]) => (engine.get(k) ?? 0) !== n);
      const size = [...engine.values()].reduce((a, b) => a + b, 0);
      if (onlyEngine.length === 0 && onlyStreams.length === 0 && size > 0) log(`${workload}: same ${size.toLocaleString("en")} output records`);
      else {
        failed++;
        log(`engine output (tail):\n${engineLog.slice(-3000)}`);
        log(`${workload}: DIFFERENT (engine ${size}, Kafka Streams ${[...streams.values()].reduce((a, b) => a + b, 0)} records compared); engine only: ${onlyEngine.slice(0, 3).map(([k, n]) => `${n}× ${k}`).join(" | ")}; Kafka Streams only: ${onlyStreams.slice(0, 3).map(([k, n]) => `${n}× ${k}`).join(" | ")}`);
      }
    }
  } finally {
    await bench.deleteMatching(id).catch(() => undefined);
    await bench.close();
  }
  if (failed > 0) throw new Error(`${failed} workload(s) differ`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
