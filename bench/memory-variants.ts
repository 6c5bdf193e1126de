// The keys workload (one state entry per record) under several memory
// settings, interleaved, on one pre-loaded topic: peak RSS, the largest heap
// seen, and throughput per setting. For the memory target of issue 18.
//
//   npx tsx bench/memory-variants.ts [--records 1000000] [--rounds 2] [--guarantee exactly-once|at-least-once] [--variants a,b] [--input <topic>]
//
// --input reuses a topic of bench records left by an earlier run (it is then not deleted).
// Besides records/s (which a loaded machine dictates) it gives CPU milliseconds per 1,000 records,
// which stays comparable when the process gets only part of a core.
//
// A variant is environment for the engine process: BENCH_ENGINE_TSX,
// ENGINE_MAX_PENDING_OUTPUT_MB, ENGINE_MAX_OLD_SPACE_MB (see VARIANTS).
import os from "node:os";
import { createBenchKafka, sleep, waitForDrain } from "./bench-kafka";
import { cpuSeconds, peakRssMb, startNodeProcess, stopProcess } from "./process-under-test";
import { makeRecord } from "./records";
import { keysPipeline } from "./workloads";

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const records = Number(value("records") ?? 1_000_000);
const rounds = Number(value("rounds") ?? 2);
const guarantee = (value("guarantee") ?? "exactly-once") as "exactly-once" | "at-least-once";
const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
const log = (message: string) => process.stderr.write(`[memory ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const VARIANTS: Record<string, Record<string, string>> = {
  "tsx-8mb": { BENCH_ENGINE_TSX: "1", ENGINE_MAX_PENDING_OUTPUT_MB: "8" },
  "bundled-8mb": { ENGINE_MAX_PENDING_OUTPUT_MB: "8" },
  "bundled-2mb": { ENGINE_MAX_PENDING_OUTPUT_MB: "2" },
  "bundled-2mb-old128": { ENGINE_MAX_PENDING_OUTPUT_MB: "2", ENGINE_MAX_OLD_SPACE_MB: "128" },
  "bundled-8mb-old128": { ENGINE_MAX_PENDING_OUTPUT_MB: "8", ENGINE_MAX_OLD_SPACE_MB: "128" },
  "bundled-1mb-old96": { ENGINE_MAX_PENDING_OUTPUT_MB: "1", ENGINE_MAX_OLD_SPACE_MB: "96" },
};
const names = value("variants")?.split(",") ?? Object.keys(VARIANTS);

async function main() {
  const bench = createBenchKafka(brokers);
  const runId = `bench-mem-${Date.now().toString(36)}`;
  const input = value("input") ?? `${runId}.records`;
  try {
    if (!value("input")) {
      await bench.createTopics([input], 3);
      log(`pre-loading ${records.toLocaleString("en")} records`);
      await bench.preload(input, records, makeRecord);
    }
    for (let round = 1; round <= rounds; round++) {
      for (const name of names) {
        const pipelineId = `${runId}.${name}.r${round}`;
        const saved = { ...process.env };
        Object.assign(process.env, { BENCH_MEMORY: "1" }, VARIANTS[name]);
        const proc = startNodeProcess({ kind: "engine", brokers, client: "kafkajs", pipelineId, document: keysPipeline(input, `${pipelineId}.out`), guarantee, deadLetterTopic: `${pipelineId}.dlq` });
        process.env = saved;
        let heapMax = 0;
        let externalMax = 0;
        const sampler = setInterval(() => {
          for (const match of proc.output().matchAll(/heapTotal (\d+) heapUsed \d+ external (\d+)/g)) {
            heapMax = Math.max(heapMax, Number(match[1]));
            externalMax = Math.max(externalMax, Number(match[2]));
          }
        }, 500);
        try {
          await bench.createTopics([`${pipelineId}.out`], 3);
          await Promise.race([proc.running, sleep(120_000).then(() => Promise.reject(new Error(`did not start:\n${proc.output()}`)))]);
          const drained = await waitForDrain(bench, { groupId: `streamline.${pipelineId}.g0`, topics: [input], total: records, timeoutMs: 900_000, alive: proc.alive, cpu: () => cpuSeconds(proc.child.pid) });
          log(`${name} round ${round} ${guarantee}: ${Math.round(drained.recordsPerSecond).toLocaleString("en")} rec/s, ${drained.cpuMsPer1k.toFixed(1)} CPU ms per 1,000, peak RSS ${Math.round(peakRssMb(proc.child.pid))} MB, heapTotal ≤ ${heapMax} MB, external ≤ ${externalMax} MB, load ${os.loadavg()[0]!.toFixed(1)}`);
        } catch (error) {
          log(`${name} round ${round} FAILED: ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}`);
        } finally {
          clearInterval(sampler);
          await stopProcess(proc.child);
          await bench.deleteMatching(pipelineId).catch(() => undefined);
        }
      }
    }
  } finally {
    await bench.deleteMatching(runId).catch(() => undefined);
    await bench.close();
  }
}

void main().then(() => process.exit(0), (error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
