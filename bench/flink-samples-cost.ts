/**
 * What the Flink sample side sinks cost: the word count over the same
 * pre-loaded topic, submitted to the shared Flink cluster with and without
 * its samples (flink-sql/samples.ts), timed from the job running until the
 * reduce has received every word (the vertex's `read-records`). Runs
 * alternate (without, with, without, with, …) so a change in the machine's
 * load hits both alike; the load average is printed with each run.
 *
 *   npx tsx bench/flink-samples-cost.ts [lines=200000] [rounds=2]
 */
import { loadavg } from "node:os";
import { wordCountTemplate } from "../engine/graph";
import { createTopics, produce, uniqueName } from "../engine/runners/kafka-test-kit";
import { compilePipelineToFlinkSql } from "../engine/runners/flink/compile-pipeline";
import { FlinkRestClient } from "../engine/runners/flink/flink-rest-client";
import { submitPlan } from "../engine/runners/flink/submit-plan";
import { countWords, wordLines } from "../worker/engine-process-kit";

const lines = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 2);
const rest = new FlinkRestClient("http://127.0.0.1:8081");
const gateway = "http://127.0.0.1:8083";

async function run(input: string, withSamples: boolean, words: number): Promise<{ seconds: number; load: string }> {
  const output = uniqueName("bench-fs-out");
  await createTopics([output], 3);
  const samplesTopic = uniqueName("bench-fs-samples");
  if (withSamples) await createTopics([samplesTopic], 1);
  const compiled = compilePipelineToFlinkSql(wordCountTemplate({ input, output }), {
    bootstrapServers: "127.0.0.1:9092",
    groupId: uniqueName("bench-fs"),
    jobName: `bench flink samples ${withSamples ? "on" : "off"}`,
    parallelism: 2,
    checkpointIntervalMs: 5000,
    transactionalIdPrefix: uniqueName("bench-fs"),
    deadLetterTopic: uniqueName("bench-fs-dlq"),
    ...(withSamples ? { samplesTopic } : {}),
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const { jobId } = await submitPlan(gateway, compiled.plan, "bench-flink-samples");
  try {
    let started = 0;
    for (;;) {
      const job = await rest.job(jobId);
      if (!job) throw new Error("job gone");
      if (!started && job.vertices.every((v) => v.status === "RUNNING")) started = Date.now();
      const reduce = job.vertices.find((v) => v.name.startsWith("GroupAggregate"));
      if (started && (reduce?.metrics["read-records"] ?? 0) >= words) return { seconds: (Date.now() - started) / 1000, load: loadavg().map((l) => l.toFixed(2)).join(" ") };
      if (["FAILED", "CANCELED"].includes(job.state)) throw new Error(`job ${job.state}: ${await rest.rootException(jobId)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await rest.cancel(jobId).catch(() => undefined);
  }
}

const input = uniqueName("bench-fs-in");
await createTopics([input], 3);
const sent = wordLines(lines, 7);
await produce(input, sent);
const words = Object.values(countWords(sent)).reduce((a, b) => a + b, 0);
console.log(`${lines} lines, ${words} words, parallelism 2, exactly-once, checkpoints every 5 s`);
for (let round = 1; round <= rounds; round++) {
  for (const withSamples of [false, true]) {
    const { seconds, load } = await run(input, withSamples, words);
    console.log(`round ${round} samples ${withSamples ? "on " : "off"}: ${seconds.toFixed(1)} s (${Math.round(words / seconds).toLocaleString("en")} words/s), load average ${load}`);
  }
}
