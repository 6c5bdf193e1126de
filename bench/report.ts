// Turns the benchmark's measurements into bench/RESULTS.md: medians, ratios,
// the targets of the issue with met/missed, and the hand-written analysis
// (bench/ANALYSIS.md) appended as it is.
import fs from "node:fs";
import path from "node:path";

export type Measurement = {
  workload: string;
  system: string;
  guarantee?: "exactly-once" | "at-least-once";
  run: number;
  recordsPerSecond?: number;
  seconds?: number;
  p50Ms?: number;
  p99Ms?: number;
  outputs?: number;
  peakRssMb?: number;
  /** Resident memory at one moment (the idle engine). */
  rssMb?: number;
  /** The machine's 1-minute load average when the measurement ended. */
  load?: number;
};

export type Results = { measurements: Measurement[]; failures: string[]; options: { records: number; lines: number; runs: number; quick: boolean; client: string } };

export type Machine = { cpu: string; memory: string; os: string; node: string; java: string; broker: string; loadBefore: string; loadAfter: string; minutes: number; date: string };

/** The throughput workloads run on both the engine and Kafka Streams, in report order. */
const workloads = ["stateless", "wordcount", "wordcount-cached", "window", "hop", "join", "keys"];

const median = (values: number[]): number => {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
};
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "–");
const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "–");
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}` : "–");
/** The range of the machine's load over a row's runs. */
const loads = (list: Measurement[]) => {
  const values = list.map((m) => m.load).filter((l): l is number => l !== undefined);
  if (values.length === 0) return "";
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? low.toFixed(1) : `${low.toFixed(1)}–${high.toFixed(1)}`;
};

type Row = { workload: string; system: string; guarantee?: string; list: Measurement[] };

/** A throughput row's median records/s and its spread over the runs ("" for one run). */
function throughputOf(row: Row): { value: number; spread: string } {
  const values = row.list.map((m) => m.recordsPerSecond!).filter(Number.isFinite);
  return { value: median(values), spread: values.length > 1 ? `${int(Math.min(...values))}–${int(Math.max(...values))}` : "" };
}

function groupRows(measurements: Measurement[]): Row[] {
  const rows = new Map<string, Row>();
  for (const m of measurements) {
    const key = `${m.workload}|${m.system}|${m.guarantee ?? ""}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { workload: m.workload, system: m.system, guarantee: m.guarantee, list: [] }));
    row.list.push(m);
  }
  return [...rows.values()];
}

const keptNote = "_Kept from an earlier run: the run that wrote the rest of this file left out the Flink rows (`--no-flink`)._";

/** A `## ` section of the results file this run replaces (up to the next `## ` heading), or null. */
function earlierSection(file: string, heading: string): string | null {
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const start = previous.indexOf(`${heading}\n`);
  if (start < 0) return null;
  const end = previous.indexOf("\n## ", start + heading.length);
  return previous.slice(start, end < 0 ? undefined : end).trim();
}

export function writeReport(file: string, results: Results, machine: Machine): void {
  const rows = groupRows(results.measurements);
  const isFlink = (r: Row) => r.system.startsWith("flink");
  const throughputRows = rows.filter((r) => r.list.some((m) => m.recordsPerSecond !== undefined) && !isFlink(r));
  const flinkRows = rows.filter(isFlink);
  const latencyRows = rows.filter((r) => r.list.some((m) => m.p99Ms !== undefined));
  const rate = (workload: string, system: string, guarantee?: string) => median(rows.find((r) => r.workload === workload && r.system === system && r.guarantee === guarantee)?.list.map((m) => m.recordsPerSecond!) ?? []);
  const latency = (workload: string, system: string, guarantee: string, p: "p50Ms" | "p99Ms") => median(rows.find((r) => r.workload === `latency ${workload}` && r.system === system && r.guarantee === guarantee)?.list.map((m) => m[p]!) ?? []);
  const rss = (workload: string, system: string, guarantee?: string) => median(rows.find((r) => r.workload === workload && r.system === system && r.guarantee === guarantee)?.list.map((m) => m.peakRssMb!) ?? []);
  const { records, lines, runs } = results.options;

  const out: string[] = [];
  out.push("# Benchmark results", "");
  out.push(`Written by \`npm run bench${results.options.quick ? ":quick" : ""}\` (bench/run.ts) on ${machine.date} in ${machine.minutes.toFixed(0)} minutes. ${records.toLocaleString("en")} pre-loaded records (JSON, about 195 bytes: key, category, amount, a line of 14–20 words) over 3 partitions; the word count and the join read ${lines.toLocaleString("en")} of them (about 17 words a line, so about ${(lines * 17).toLocaleString("en")} count updates) and the join ${Math.ceil(lines / 2).toLocaleString("en")} payments. ${runs} run${runs === 1 ? "" : "s"} of everything, interleaved; every number is the median, and each row shows the spread. Engine client: ${results.options.client}.`, "");
  out.push("## Machine", "");
  out.push(`| | |`, `|---|---|`);
  out.push(`| CPU | ${machine.cpu} |`, `| memory | ${machine.memory} |`, `| OS | ${machine.os} |`, `| Node.js | ${machine.node} |`, `| Java | ${machine.java} |`, `| broker | ${machine.broker} |`);
  out.push(`| load average (1/5/15 min) | ${machine.loadBefore} before, ${machine.loadAfter} after (2 cores: a 1-minute load above 2 means something besides the processes under test wanted the CPU; the load column of every row says when) |`, "");

  out.push("## Throughput", "");
  out.push("Records consumed per second, timed from the first committed offset to the last (start-up excluded), on pre-loaded input. Peak RSS is the process's high-water mark (VmHWM) during the run. Load is the machine's 1-minute load average at the end of each run (2 cores: above 2, something else competed for the CPU).", "");
  out.push("| workload | system | guarantee | records/s | spread | ÷ Kafka Streams | ÷ raw kafkajs | peak RSS (MB) | load |", "|---|---|---|---:|---|---:|---:|---:|---|");
  for (const row of throughputRows) {
    const { value, spread } = throughputOf(row);
    // "engine, 2 threads" against "kafka streams, 2 threads": the same number of threads on both.
    const streams = row.system.startsWith("engine") ? rate(row.workload, row.system.replace(/^engine/, "kafka streams"), row.guarantee) : Number.NaN;
    const raw = row.system.startsWith("engine") || row.system.startsWith("kafka streams") ? rate("passthrough", "raw kafkajs", row.guarantee) : Number.NaN;
    out.push(`| ${row.workload} | ${row.system} | ${row.guarantee ?? ""} | ${int(value)} | ${spread} | ${ratio(value / streams)} | ${ratio(value / raw)} | ${int(median(row.list.map((m) => m.peakRssMb!)))} | ${loads(row.list)} |`);
  }
  out.push("");

  out.push("Workloads: **passthrough** copies records from topic to topic (no decoding); **stateless** is source → filter `amount >= 50` → map `{id, UPPER(category), amount * 1.21}` → sink; **stateless-avro** is the same with its source and sink in Avro through the Schema Registry (engine only: Kafka Streams' Avro serde is Confluent's, not on Maven Central); **wordcount** is the word-count template on the records' `text`; **wordcount-cached** is the same with its count emitting each word's latest count once per commit (`emit: \"commit\"`), against Kafka Streams with its record cache on (`statestore.cache.max.bytes` 10 MB); **window** is count/sum/avg of the amount per category in tumbling 1 s windows; **hop** is Nexmark q5's hop window without its top-key step: a count per key (the first word of the line) in 10 s windows sliding by 2 s, each window emitted once; **join** joins records with their payments within 5 s; **keys** is a reduce grouped by the record id, so every record is a new key (the memory workload). Kafka Streams (one stream thread, record cache off) computes the same output records (bench/kafka-streams); where it repartitions (word count, window, hop, join), it is timed until its repartition topics are consumed too. **engine, 2 threads** is the stateless pipeline with one processing thread beside the runner's (`ENGINE_PROCESSING_THREADS=1`: the second thread parses, filters, maps and encodes while the first fetches, commits and produces), against **kafka streams, 2 threads** (`num.stream.threads` 2).", "");

  if (flinkRows.length > 0) {
    out.push("## Flink beside the embedded engine", "");
    out.push("The same pipeline documents compiled to Flink SQL as a deploy compiles them (bench/flink-throughput.ts) and run on the local session cluster (`npm run flink -- start`: one JobManager, two TaskManagers of 1,536 MB), interleaved with the rows above on the same input. Timed like them, from the first offset the job's Kafka source commits to the last; the source commits when a checkpoint completes, so the benchmark checkpoints every second (a deployment's default is 5 s). Flink runs under exactly-once only (a Flink deployment's default), with the record samples a deployment's job writes for the canvas (`flink p=N`) and once at parallelism 2 without them (`no samples`: what the samples cost). Memory is the whole cluster's resident memory (JobManager and both TaskManagers, summed, peak sampled every 500 ms): what running on Flink costs in memory, against the engine's one process.", "");
    out.push("| workload | system | guarantee | records/s | spread | ÷ engine | cluster RSS (MB) | engine RSS (MB) | load |", "|---|---|---|---:|---|---:|---:|---:|---|");
    for (const row of flinkRows) {
      const { value, spread } = throughputOf(row);
      out.push(`| ${row.workload} | ${row.system} | ${row.guarantee ?? ""} | ${int(value)} | ${spread} | ${ratio(value / rate(row.workload, "engine", row.guarantee))} | ${int(median(row.list.map((m) => m.peakRssMb!)))} | ${int(rss(row.workload, "engine", row.guarantee))} | ${loads(row.list)} |`);
    }
    out.push("");
  }
  // A run without the Flink rows (--no-flink) keeps the Flink section of the results it replaces, marked as such.
  const previousFlink = flinkRows.length === 0 ? earlierSection(file, "## Flink beside the embedded engine") : null;
  if (previousFlink) out.push(previousFlink.includes(keptNote) ? previousFlink : previousFlink.replace(/\n\n/, `\n\n${keptNote}\n\n`), "");
  out.push("## End-to-end latency at 10,000 records/s", "");
  out.push("A paced producer writes 10,000 records/s (100 every 10 ms) stamped with their creation time; a read_committed consumer reads the output; latency = consume time − creation time, over the records created after a warm-up. 10,000 lines/s of word count are about 170,000 count updates/s, more than either system sustains on this machine, so that row measures a growing backlog; the word count is also measured at 1,000 lines/s.", "");
  out.push("| workload | system | guarantee | p50 (ms) | p99 (ms) | p99 spread | outputs measured | peak RSS (MB) | load |", "|---|---|---|---:|---:|---|---:|---:|---|");
  for (const row of latencyRows) {
    const p99s = row.list.map((m) => m.p99Ms!).filter(Number.isFinite);
    out.push(`| ${row.workload.replace(/^latency /, "")} | ${row.system} | ${row.guarantee ?? ""} | ${ms(median(row.list.map((m) => m.p50Ms!)))} | ${ms(median(p99s))} | ${p99s.length > 1 ? `${ms(Math.min(...p99s))}–${ms(Math.max(...p99s))}` : ""} | ${int(median(row.list.map((m) => m.outputs!)))} | ${int(median(row.list.map((m) => m.peakRssMb!)))} | ${loads(row.list)} |`);
  }
  out.push("");

  out.push("## Targets", "");
  out.push("| target | measured | |", "|---|---|---|");
  const target = (name: string, value: number, goal: number, text: string, atMost = false) => {
    const met = Number.isFinite(value) ? (atMost ? value <= goal : value >= goal) : null;
    const gap = met === false ? (atMost ? ` (${((value / goal - 1) * 100).toFixed(0)}% over)` : ` (${((1 - value / goal) * 100).toFixed(0)}% short)`) : "";
    out.push(`| ${name} | ${text}${gap} | ${met === null ? "not measured" : met ? "met" : "**missed**"} |`);
  };
  // Issue 18: the engine at least as fast as Kafka Streams on every workload, in both guarantees.
  for (const w of workloads) {
    for (const g of ["exactly-once", "at-least-once"]) {
      const s = rate(w, "engine", g) / rate(w, "kafka streams", g);
      target(`${w} ≥ 1.0× Kafka Streams (${g})`, s, 1, ratio(s));
    }
  }
  for (const g of ["exactly-once", "at-least-once"]) {
    const s = rate("stateless", "engine", g) / rate("passthrough", "raw kafkajs", g);
    target(`stateless ≥ 1.0× raw kafkajs (${g})`, s, 1, ratio(s));
  }
  // Both cores: one processing thread beside the runner's, against Kafka Streams with two stream threads.
  for (const g of ["exactly-once", "at-least-once"]) {
    const s = rate("stateless", "engine, 2 threads", g) / rate("stateless", "kafka streams, 2 threads", g);
    target(`stateless, 2 threads ≥ 1.0× Kafka Streams, 2 threads (${g})`, s, 1, ratio(s));
    const r = rate("stateless", "engine, 2 threads", g) / rate("passthrough", "raw kafkajs", g);
    target(`stateless, 2 threads ≥ 1.0× raw kafkajs (${g})`, r, 1, ratio(r));
  }
  for (const w of workloads) {
    const r = rate(w, "engine", "exactly-once") / rate(w, "engine", "at-least-once");
    target(`exactly-once ≥ 0.8× at-least-once (${w})`, r, 0.8, ratio(r));
  }
  const a = latency("stateless", "engine", "at-least-once", "p99Ms");
  target("p99 ≤ 30 ms at 10k rec/s, at-least-once (stateless)", a, 30, `${ms(a)} ms`, true);
  const e = latency("stateless", "engine", "exactly-once", "p99Ms");
  target("p99 ≤ 100 ms at 10k rec/s, exactly-once (stateless)", e, 100, `${ms(e)} ms`, true);
  // The word count's throughput in lines/s: 10,000 lines/s is about 170,000 count updates/s, each emitted.
  for (const g of ["exactly-once", "at-least-once"]) {
    const lines = rate("wordcount", "engine", g);
    target(`word count ≥ 10,000 lines/s with per-update emit (${g})`, lines, 10_000, `${int(lines)} lines/s`);
  }
  // Not targets of the issue: the latency bounds at the word count's rates, for reference.
  for (const [workload, label] of [["wordcount", "10,000 lines/s"], ["wordcount at 1,000/s", "1,000 lines/s"]] as const) {
    const wa = latency(workload, "engine", "at-least-once", "p99Ms");
    target(`p99 ≤ 30 ms at ${label}, at-least-once (wordcount, for reference)`, wa, 30, `${ms(wa)} ms`, true);
    const we = latency(workload, "engine", "exactly-once", "p99Ms");
    target(`p99 ≤ 100 ms at ${label}, exactly-once (wordcount, for reference)`, we, 100, `${ms(we)} ms`, true);
  }
  for (const g of ["exactly-once", "at-least-once"]) {
    const peak = rss("keys", "engine", g);
    target(`engine RSS ≤ 250 MB with ${records.toLocaleString("en")} distinct keys (${g})`, peak, 250, `${int(peak)} MB`, true);
  }
  for (const g of ["exactly-once", "at-least-once"]) {
    const idle = median(rows.find((r) => r.workload === "idle" && r.system === "engine" && r.guarantee === g)?.list.map((m) => m.rssMb!) ?? []);
    target(`idle engine process RSS ≤ 80 MB (${g}; a running stateless pipeline, no input)`, idle, 80, `${int(idle)} MB`, true);
  }
  if (records < 1_000_000) out.push("", `The memory target is about 1,000,000 distinct keys; this run had ${records.toLocaleString("en")}.`);
  out.push("");

  if (results.failures?.length) {
    out.push("## Failed measurements", "", ...results.failures.map((f) => `- ${f}`), "");
  }

  const analysis = path.join(path.dirname(file), "ANALYSIS.md");
  if (fs.existsSync(analysis)) out.push(fs.readFileSync(analysis, "utf8").trim(), "");
  // The API load figures come from their own command (bench/load/run-load.ts): keep them.
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const loadSection = /<!-- load:start -->[\s\S]*<!-- load:end -->/.exec(previous)?.[0];
  if (loadSection) out.push(loadSection, "");
  fs.writeFileSync(file, `${out.join("\n")}\n`);
}
