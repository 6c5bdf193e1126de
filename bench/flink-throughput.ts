// Flink beside the embedded engine (issue 17): the same pipeline document compiled
// as a deploy compiles it, submitted to the local session cluster at a given
// parallelism, timed on pre-loaded input like every other throughput row.
import fs from "node:fs";
import path from "node:path";
import type { PipelineDocument } from "../engine/graph";
import { compilePipelineToFlinkSql } from "../engine/runners/flink/compile-pipeline";
import { FlinkRestClient } from "../engine/runners/flink/flink-rest-client";
import { submitPlan } from "../engine/runners/flink/submit-plan";
import { flinkAddress, startFlink } from "../scripts/flink.mjs";
import { sleep, waitForDrain, type BenchKafka } from "./bench-kafka";
import type { Measurement } from "./report";

/** The local cluster's processes, by their pid files (scripts/flink.mjs writes them). */
const clusterProcesses = ["jobmanager", "taskmanager", "taskmanager-2"];

/**
 * Checkpoints every second in the benchmark: Flink's Kafka source commits its
 * offsets when a checkpoint completes, and the run is timed from those commits,
 * so the interval bounds how precisely the start and the end are seen. A
 * deployment's default (the cluster's, 5 s) would add up to 5 s to each end.
 */
const benchCheckpointIntervalMs = 1_000;

/** The summed resident memory (MB) of the local cluster's JobManager and TaskManagers, NaN for a remote one. */
export function clusterRssMb(): number {
  const dataDir = path.join(import.meta.dirname, "..", ".data", "flink");
  let total = 0;
  let found = 0;
  for (const name of clusterProcesses) {
    try {
      const pid = Number(fs.readFileSync(path.join(dataDir, `${name}.pid`), "utf8").trim());
      const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (match) {
        total += Number(match[1]) / 1024;
        found += 1;
      }
    } catch {
      // Not running, or not this checkout's cluster.
    }
  }
  return found > 0 ? total : Number.NaN;
}

/** Starts the local cluster unless FLINK_REST_URL names one; returns where it is. */
export async function ensureFlink(log: (message: string) => void): Promise<{ restUrl: string; gatewayUrl: string }> {
  if (!process.env.FLINK_REST_URL) await startFlink({ log });
  const { restUrl, gatewayUrl } = flinkAddress();
  return { restUrl, gatewayUrl };
}

export type FlinkRun = {
  workload: string;
  guarantee: "exactly-once" | "at-least-once";
  run: number;
  parallelism: number;
  /** With the record samples a deployment's job writes for the canvas (flink-sql/samples.ts), as deployed; false measures what they cost. */
  samples: boolean;
  /** The name every topic and group of this run starts with (deleted afterwards by the caller). */
  name: string;
  input: string[];
  total: number;
  document: PipelineDocument;
  brokers: string[];
  cluster: { restUrl: string; gatewayUrl: string };
};

/**
 * Runs one Flink job over pre-loaded input and times it from the group's first
 * committed offset to the last, as the engine's rows are timed; the job is
 * cancelled afterwards. Peak RSS is the whole cluster's (JobManager and both
 * TaskManagers), sampled every 500 ms: that is what running on Flink costs in
 * memory, whatever share of it this one job uses.
 */
export async function measureFlinkThroughput(bench: BenchKafka, c: FlinkRun): Promise<Measurement> {
  const output = `${c.name}.out`;
  const groupId = `${c.name}.g0`;
  await bench.createTopics([output, `${c.name}.dlq`], 3);
  const samplesTopic = `${c.name}.samples`;
  if (c.samples) await bench.createTopics([samplesTopic], 1);
  const system = `flink p=${c.parallelism}${c.samples ? "" : ", no samples"}`;
  const compiled = compilePipelineToFlinkSql(c.document, {
    bootstrapServers: c.brokers.join(","),
    groupId,
    jobName: `bench ${c.name}`,
    parallelism: c.parallelism,
    checkpointIntervalMs: benchCheckpointIntervalMs,
    transactionalIdPrefix: c.guarantee === "exactly-once" ? c.name : undefined,
    deadLetterTopic: `${c.name}.dlq`,
    samplesTopic: c.samples ? samplesTopic : undefined,
  });
  if (!compiled.ok) throw new Error(`${system} · ${c.workload}: ${compiled.problems.map((p) => p.message).join("; ")}`);
  const rest = new FlinkRestClient(c.cluster.restUrl);
  const { jobId } = await submitPlan(c.cluster.gatewayUrl, compiled.plan, `bench-${c.name}`);
  let peakRss = clusterRssMb();
  let state = "CREATED";
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, clusterRssMb());
    rest.job(jobId).then((job) => (state = job?.state ?? "GONE"), () => undefined);
  }, 500);
  try {
    const drained = await waitForDrain(bench, { groupId, topics: c.input, total: c.total, timeoutMs: 1_800_000, alive: () => !["FAILED", "CANCELED", "FINISHED", "GONE"].includes(state) });
    const outputs = await bench.endOffsets([output]);
    return { workload: c.workload, system, guarantee: c.guarantee, run: c.run, recordsPerSecond: drained.recordsPerSecond, seconds: drained.seconds, outputs, peakRssMb: peakRss };
  } catch (error) {
    const cause = await rest.rootException(jobId).catch(() => null);
    throw new Error(`${c.workload} · ${system} · ${c.guarantee}: ${error instanceof Error ? error.message : String(error)}${cause ? `\n${cause}` : ""}`);
  } finally {
    clearInterval(sampler);
    await rest.cancel(jobId).catch(() => undefined);
    // A cancelled job frees its slots a moment later; the next job needs them.
    for (let i = 0; i < 40 && !["CANCELED", "FAILED", "FINISHED"].includes((await rest.job(jobId).catch(() => null))?.state ?? "CANCELED"); i++) await sleep(250);
  }
}
