import { Worker } from "node:worker_threads";
import type { PipelineDocument } from "../graph";
import type { DeadLetter } from "../runtime/dead-letter";
import { sampleSize, type NodeMetricsSnapshot, type Sample } from "../runtime/pipeline-metrics";
import type { SourceMessage } from "../runtime/stream-record";
import type { BatchResult } from "./pipeline-executor";
import type { ThreadReply, ThreadRequest, ThreadTelemetry } from "./processing-thread";
import { packSourceMessages, transferList, unpackOutgoingMessages } from "./record-transfer";

/** The most processing threads a runner may have (a setting beyond the machine's cores only adds overhead). */
export const maxProcessingThreads = 16;

/**
 * The number of processing threads per deployment, from
 * `ENGINE_PROCESSING_THREADS` (docs/operations.md): 0 (the default) processes
 * on the runner's own thread. Throws a message naming the variable for
 * anything but a whole number from 0 to 16.
 */
export function processingThreadsSetting(env: Record<string, string | undefined> = process.env): number {
  const raw = env.ENGINE_PROCESSING_THREADS?.trim();
  if (!raw) return 0;
  if (!/^\d+$/.test(raw)) throw new Error(`ENGINE_PROCESSING_THREADS must be a whole number of threads (for example 1), not "${raw}"`);
  const threads = Number(raw);
  if (threads > maxProcessingThreads) throw new Error(`ENGINE_PROCESSING_THREADS must be between 0 and ${maxProcessingThreads}, not ${threads}`);
  return threads;
}

type Waiting = { resolve: (value: never) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; inFlight: number; waiting: Map<number, Waiting>; samples: Map<string, { in: Sample[]; out: Sample[] }>; versions: Record<string, number> };

/**
 * Processes a pipeline's batches on worker threads while the runner's thread
 * fetches, commits and produces: for pipelines whose batches are independent
 * (`PipelineExecutor.independentBatches`). Each thread runs its own executor
 * of the same document; a batch goes to the thread with the fewest batches in
 * flight, and the runner awaits results in the order it sent the batches, so
 * each partition's output keeps its order whichever thread processed it.
 * Records cross threads packed into transferred buffers (record-transfer.ts);
 * sink output comes back already encoded to bytes. Engine process only: the
 * web app must not import this module (Next.js bundles the worker's URL and
 * fails on its tsx loader), which is why `deploymentNames` has a file of its own.
 */
export class ProcessingThreads {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;

  private constructor() {}

  /** Starts `count` threads on `document`; resolves once every one has built its executor. */
  static async start(document: PipelineDocument, count: number): Promise<ProcessingThreads> {
    const pool = new ProcessingThreads();
    try {
      await Promise.all(Array.from({ length: count }, () => pool.startThread(document)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** The number of threads. */
  get size(): number {
    return this.threads.length;
  }

  /** Batches sent and not answered yet, over all threads (the runner bounds it). */
  get inFlight(): number {
    let total = 0;
    for (const thread of this.threads) total += thread.inFlight;
    return total;
  }

  /** Processes one batch of a source topic on the least busy thread. */
  process(topic: string, messages: readonly SourceMessage[], now: number): Promise<BatchResult> {
    const thread = this.threads.reduce((best, candidate) => (candidate.inFlight < best.inFlight ? candidate : best));
    const packed = packSourceMessages(messages);
    return this.request<{ packed: Parameters<typeof unpackOutgoingMessages>[0]; deadLetters: DeadLetter[] }>(thread, (id) => ({ kind: "batch", id, topic, packed, now }), transferList(packed)).then(({ packed, deadLetters }) => ({
      messages: unpackOutgoingMessages(packed),
      deadLetters: deadLetters.map(restoreBuffers),
    }));
  }

  /**
   * Every thread's per-node numbers since the last call, merged (see
   * mergeThreadNodes), and the merged samples of nodes whose samples changed
   * on any thread since the versions in `sampleVersions` (updated here).
   */
  async telemetry(sampleVersions: Map<string, number>): Promise<{ nodes: Record<string, NodeMetricsSnapshot>; samples: Record<string, { in: Sample[]; out: Sample[] }> }> {
    const replies = await Promise.all(this.threads.map((thread) => this.request<{ telemetry: ThreadTelemetry }>(thread, (id) => ({ kind: "telemetry", id }))));
    const samples: Record<string, { in: Sample[]; out: Sample[] }> = {};
    const versions = new Map<string, number>();
    replies.forEach(({ telemetry }, index) => {
      const thread = this.threads[index]!;
      for (const [node, changed] of Object.entries(telemetry.samples)) thread.samples.set(node, changed);
      thread.versions = telemetry.versions;
      for (const [node, version] of Object.entries(telemetry.versions)) versions.set(node, (versions.get(node) ?? 0) + version);
    });
    for (const [node, version] of versions) {
      if (sampleVersions.get(node) === version) continue;
      sampleVersions.set(node, version);
      samples[node] = mergeSamples(this.threads.map((thread) => thread.samples.get(node) ?? { in: [], out: [] }));
    }
    return { nodes: mergeThreadNodes(replies.map(({ telemetry }) => telemetry.nodes)), samples };
  }

  /** Stops every thread; batches still in flight fail. */
  async close(): Promise<void> {
    this.closing = true;
    this.fail(new Error("The processing threads were stopped"));
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private startThread(document: PipelineDocument): Promise<void> {
    const here = import.meta.url;
    // From the sources a plain module registers tsx first; the bundle has the thread's program beside it.
    const worker = here.endsWith(".ts")
      ? new Worker(new URL("./processing-thread-tsx.mjs", here), { workerData: { entry: new URL("./processing-thread.ts", here).href } })
      : new Worker(new URL("./processing-thread.mjs", here));
    const thread: Thread = { worker, inFlight: 0, waiting: new Map(), samples: new Map(), versions: {} };
    this.threads.push(thread);
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (reply: ThreadReply) => {
        if (reply.kind === "started") return resolve();
        if (reply.kind === "failed" && reply.id === null) return reject(new Error(reply.message));
        const waiting = thread.waiting.get(reply.id!);
        if (!waiting) return;
        thread.waiting.delete(reply.id!);
        thread.inFlight--;
        if (reply.kind === "failed") waiting.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
        else waiting.resolve(reply as never);
      });
      const stopped = (error: Error) => {
        reject(error);
        if (!this.closing) this.fail(error);
      };
      worker.on("error", (error) => stopped(new Error(`A processing thread failed: ${error.message}`)));
      worker.on("exit", (code) => stopped(new Error(`A processing thread exited (code ${code})`)));
      worker.postMessage({ kind: "start", document } satisfies ThreadRequest);
    });
  }

  private request<T>(thread: Thread, build: (id: number) => ThreadRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      thread.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      thread.inFlight++;
      thread.worker.postMessage(build(id), transfer);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const thread of this.threads) {
      for (const waiting of thread.waiting.values()) waiting.reject(this.failure);
      thread.waiting.clear();
      thread.inFlight = 0;
    }
  }
}

/**
 * One node snapshot from several threads' snapshots of the same interval:
 * counts add up, `busy` is the threads' mean (the share of each thread's time
 * the node took), the median latency is the mean of the threads' medians and
 * the p99 their maximum (the threads' observations are not pooled).
 */
export function mergeThreadNodes(perThread: Record<string, NodeMetricsSnapshot>[]): Record<string, NodeMetricsSnapshot> {
  const merged: Record<string, NodeMetricsSnapshot> = {};
  for (const id of new Set(perThread.flatMap((nodes) => Object.keys(nodes)))) {
    const snapshots = perThread.map((nodes) => nodes[id]).filter((node): node is NodeMetricsSnapshot => node !== undefined);
    const p50s = snapshots.map((node) => node.latencyP50Ms).filter((ms): ms is number => ms !== null);
    const p99s = snapshots.map((node) => node.latencyP99Ms).filter((ms): ms is number => ms !== null);
    merged[id] = {
      recordsIn: sum(snapshots.map((node) => node.recordsIn)),
      recordsOut: sum(snapshots.map((node) => node.recordsOut)),
      errors: sum(snapshots.map((node) => node.errors)),
      busy: sum(snapshots.map((node) => node.busy)) / snapshots.length,
      latencyP50Ms: p50s.length === 0 ? null : sum(p50s) / p50s.length,
      latencyP99Ms: p99s.length === 0 ? null : Math.max(...p99s),
    };
  }
  return merged;
}

/** The newest `sampleSize` samples in and out of a node over all threads, oldest first. */
export function mergeSamples(perThread: { in: Sample[]; out: Sample[] }[]): { in: Sample[]; out: Sample[] } {
  const newest = (lists: Sample[][]) => lists.flat().sort((a, b) => a.at - b.at).slice(-sampleSize);
  return { in: newest(perThread.map((samples) => samples.in)), out: newest(perThread.map((samples) => samples.out)) };
}

/** A dead letter's payload comes back from a thread as a Uint8Array; the producer wants a Buffer. */
function restoreBuffers(letter: DeadLetter): DeadLetter {
  const payload = letter.payload;
  if (payload === null || typeof payload === "string" || Buffer.isBuffer(payload)) return letter;
  const bytes = payload as Uint8Array;
  return { ...letter, payload: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
