// Measures what per-node metrics and sampling cost the executor: the same
// batches through the word count and a filter/map pipeline, with sampling on
// and off, interleaved and repeated; prints medians. No Kafka involved.
//   npx tsx bench/sampling-overhead.ts
import { requireValidPipeline, wordCountTemplate, type PipelineDocument } from "../engine/graph";
import { PipelineExecutor } from "../engine/runners/pipeline-executor";
import type { SourceMessage } from "../engine/runtime/stream-record";
import { linearPipeline } from "../engine/runners/test-pipelines";

const batchSize = 500;
const batches = 200;
const rounds = 7;

function messages(make: (i: number) => string): SourceMessage[][] {
  return Array.from({ length: batches }, (_, b) =>
    Array.from({ length: batchSize }, (_, i) => ({ key: null, value: Buffer.from(make(b * batchSize + i)), timestamp: 1_700_000_000_000 + b * batchSize + i, partition: 0, offset: String(b * batchSize + i) })),
  );
}

const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
const cases = [
  { name: "word count", document: wordCountTemplate({ input: "in", output: "out" }), topic: "in", data: messages((i) => `${words[i % 8]} ${words[(i * 7) % 8]} ${words[(i * 3) % 8]} quick brown fox`) },
  {
    name: "filter → map",
    document: linearPipeline([{ type: "filter", data: { condition: "amount > 100 AND country = 'US'" } }, { type: "map", data: { fields: [{ name: "id", expression: "id" }, { name: "total", expression: "amount * 1.21" }] } }]),
    topic: "in",
    data: messages((i) => JSON.stringify({ id: i, amount: i % 300, country: i % 3 === 0 ? "US" : "NL", text: "some filler text to make the record about two hundred bytes long, as in the benchmarks" })),
  },
];

function run(document: PipelineDocument, topic: string, data: SourceMessage[][], sampling: boolean): number {
  const executor = new PipelineExecutor(requireValidPipeline(document));
  executor.metrics.sampling = sampling;
  const started = performance.now();
  for (const batch of data) {
    executor.processSourceBatch(topic, batch);
    for (const operator of executor.statefulOperators) operator.state.takeChanges();
  }
  return (batches * batchSize) / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const c of cases) {
  run(c.document, c.topic, c.data, true); // warm up the JIT
  const on: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < rounds; r++) {
    off.push(run(c.document, c.topic, c.data, false));
    on.push(run(c.document, c.topic, c.data, true));
  }
  const ratio = median(on) / median(off);
  console.log(`${c.name.padEnd(14)} sampling off ${Math.round(median(off)).toLocaleString("en")} rec/s · on ${Math.round(median(on)).toLocaleString("en")} rec/s · on/off ${ratio.toFixed(3)}`);
}
