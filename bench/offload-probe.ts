// Does moving the decode (UTF-8 + JSON.parse) or the encode (JSON.stringify +
// UTF-8) of whole batches to a worker thread free the main thread? Measures
// the main thread's busy time (event-loop utilisation) per record for:
//   inline decode            main thread parses every value itself
//   worker decode, cloned    one transferred buffer of raw values out, the parsed objects back by structured clone
//   inline encode            main thread stringifies and encodes every output object
//   worker encode, cloned    the objects out by structured clone, one transferred buffer of bytes back
// No Kafka: the question is only what the main thread still pays per record.
//
//   npx tsx bench/offload-probe.ts [--records 200000] [--batch 2000]
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { makeRecord } from "./records";

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const total = Number(value("records") ?? 200_000);
const batchSize = Number(value("batch") ?? 2_000);

const workerSource = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (message) => {
  if (message.kind === "decode") {
    const bytes = new Uint8Array(message.buffer);
    const decoder = new TextDecoder();
    const out = new Array(message.lengths.length);
    let at = 0;
    for (let i = 0; i < message.lengths.length; i++) {
      out[i] = JSON.parse(decoder.decode(bytes.subarray(at, at + message.lengths[i])));
      at += message.lengths[i];
    }
    parentPort.postMessage(out);
  } else {
    const parts = message.objects.map((o) => Buffer.from(JSON.stringify(o)));
    const joined = Buffer.concat(parts);
    const copy = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
    parentPort.postMessage({ buffer: copy, lengths: parts.map((p) => p.length) }, [copy]);
  }
});`;

function batches(): Buffer[][] {
  const all: Buffer[][] = [];
  for (let from = 0; from < total; from += batchSize) {
    const batch: Buffer[] = [];
    for (let i = from; i < Math.min(total, from + batchSize); i++) batch.push(Buffer.from(makeRecord(i).value));
    all.push(batch);
  }
  return all;
}

/** Main-thread busy milliseconds per 1,000 records while `run` goes, and wall milliseconds. */
async function measure(name: string, run: () => Promise<void>): Promise<void> {
  const before = performance.eventLoopUtilization();
  const started = performance.now();
  await run();
  const wall = performance.now() - started;
  const elu = performance.eventLoopUtilization(before);
  process.stdout.write(`${name.padEnd(28)} main thread busy ${((elu.active / total) * 1000).toFixed(1)} ms per 1,000 records, wall ${((wall / total) * 1000).toFixed(1)} ms per 1,000\n`);
}

async function main() {
  const input = batches();
  const objects = input.map((batch) => batch.map((b) => JSON.parse(b.toString()) as Record<string, unknown>));
  const worker = new Worker(workerSource, { eval: true });
  const ask = <T>(message: unknown, transfer: ArrayBuffer[] = []) =>
    new Promise<T>((resolve) => {
      worker.once("message", resolve);
      worker.postMessage(message, transfer);
    });
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    process.stdout.write(`round ${round + 1}${round === 0 ? " (JIT warm-up)" : ""}\n`);
    await measure("inline decode", async () => {
      for (const batch of input) for (const b of batch) sink += (JSON.parse(b.toString()) as { amount: number }).amount;
    });
    await measure("worker decode, cloned back", async () => {
      for (const batch of input) {
        // The fetched bytes as one buffer (a fetch response already is one), transferred, not copied.
        const joined = Buffer.concat(batch);
        const buffer = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
        const out = await ask<{ amount: number }[]>({ kind: "decode", buffer, lengths: batch.map((b) => b.length) }, [buffer]);
        for (const o of out) sink += o.amount;
      }
    });
    await measure("inline encode", async () => {
      for (const batch of objects) for (const o of batch) sink += Buffer.from(JSON.stringify(o)).length;
    });
    await measure("worker encode, cloned out", async () => {
      for (const batch of objects) {
        const out = await ask<{ buffer: ArrayBuffer; lengths: number[] }>({ kind: "encode", objects: batch });
        sink += out.buffer.byteLength;
      }
    });
  }
  await worker.terminate();
  if (sink === 42) process.stdout.write("\n");
}

void main();
