// The JVM side of the benchmark: builds (with Maven, from Maven Central) and
// runs Kafka's own perf tools and the Kafka Streams application.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const benchCache = path.join(root, ".cache", "bench");
const perfToolsDir = path.join(benchCache, "perf-tools");
const streamsDir = path.join(benchCache, "kafka-streams");
const streamsJar = path.join(streamsDir, "target", "kafka-streams-bench.jar");

function fingerprint(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(fs.readFileSync(file));
  return hash.digest("hex");
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

function mvn(args: string[], log: (m: string) => void): void {
  log(`mvn ${args.join(" ")}`);
  const result = spawnSync("mvn", ["-q", "-B", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.error) throw new Error(`Could not run Maven (is mvn on PATH?): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`Maven failed (${args.join(" ")}):\n${(result.stdout + result.stderr).slice(-4000)}`);
}

/** Builds what is missing or out of date: the perf tools' classpath and the Kafka Streams app. Skips the work when the inputs did not change. */
export function buildJavaParts(log: (m: string) => void): void {
  fs.mkdirSync(benchCache, { recursive: true });
  const perfPom = path.join(root, "bench", "perf-tools", "pom.xml");
  const perfMarker = path.join(perfToolsDir, ".fingerprint");
  const perfPrint = fingerprint([perfPom]);
  if (!fs.existsSync(perfMarker) || fs.readFileSync(perfMarker, "utf8") !== perfPrint) {
    fs.rmSync(perfToolsDir, { recursive: true, force: true });
    mvn(["-f", perfPom, "dependency:copy-dependencies", "-DincludeScope=runtime", `-DoutputDirectory=${perfToolsDir}`], log);
    fs.writeFileSync(perfMarker, perfPrint);
  }
  const streamsSources = filesUnder(path.join(root, "bench", "kafka-streams"));
  const streamsMarker = path.join(streamsDir, ".fingerprint");
  const streamsPrint = fingerprint(streamsSources);
  if (!fs.existsSync(streamsMarker) || fs.readFileSync(streamsMarker, "utf8") !== streamsPrint || !fs.existsSync(streamsJar)) {
    fs.rmSync(streamsDir, { recursive: true, force: true });
    mvn(["-f", path.join(root, "bench", "kafka-streams", "pom.xml"), "package", "dependency:copy-dependencies", "-DincludeScope=runtime"], log);
    fs.writeFileSync(streamsMarker, streamsPrint);
  }
}

function runJava(classpath: string, mainClass: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("java", ["-cp", classpath, mainClass, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${mainClass} exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
}

/** kafka-producer-perf-test: `records` records of `recordSize` bytes as fast as the producer goes (producer defaults: acks=all, linger.ms=5). */
export async function producerPerformance(options: { brokers: string[]; topic: string; records: number; recordSize: number }): Promise<number> {
  const out = await runJava(path.join(perfToolsDir, "*"), "org.apache.kafka.tools.ProducerPerformance", ["--topic", options.topic, "--num-records", String(options.records), "--record-size", String(options.recordSize), "--throughput", "-1", "--producer-props", `bootstrap.servers=${options.brokers.join(",")}`], 600_000);
  const line = out.trim().split("\n").reverse().find((l) => /records sent, [\d.]+ records\/sec/.test(l) && l.includes("50th"));
  const match = line?.match(/records sent, ([\d.]+) records\/sec/);
  if (!match) throw new Error(`Unexpected ProducerPerformance output:\n${out.slice(-2000)}`);
  return Number(match[1]);
}

/** kafka-consumer-perf-test: reads `records` records; returns records/s of the fetch phase (group join excluded). */
export async function consumerPerformance(options: { brokers: string[]; topic: string; records: number; group: string }): Promise<number> {
  const out = await runJava(path.join(perfToolsDir, "*"), "org.apache.kafka.tools.ConsumerPerformance", ["--bootstrap-server", options.brokers.join(","), "--topic", options.topic, "--num-records", String(options.records), "--group", options.group, "--timeout", "60000"], 600_000);
  const lines = out.trim().split("\n");
  const header = lines.findIndex((l) => l.startsWith("start.time"));
  if (header < 0 || !lines[header + 1]) throw new Error(`Unexpected ConsumerPerformance output:\n${out.slice(-2000)}`);
  const names = lines[header]!.split(",").map((s) => s.trim());
  const values = lines[header + 1]!.split(",").map((s) => s.trim());
  return Number(values[names.indexOf("fetch.nMsg.sec")]);
}

/** The workloads `StreamsBench` implements, named as in bench/workloads.ts. */
export type StreamsWorkload = "stateless" | "wordcount" | "wordcount-cached" | "window" | "hop" | "join" | "keys";

/** Starts the Kafka Streams application (JVM defaults, one stream thread); it prints RUNNING once it runs. `input2` is the join's right side; `emitIntervalMs` overrides how often (wall clock) onWindowClose looks for closed windows (1 s by default). */
export function spawnKafkaStreams(options: { brokers: string[]; appId: string; workload: StreamsWorkload; input: string; input2?: string; output: string; guarantee: "exactly-once" | "at-least-once"; emitIntervalMs?: number; threads?: number }): ChildProcess {
  const stateDir = path.join(benchCache, "streams-state");
  fs.mkdirSync(stateDir, { recursive: true });
  const classpath = [streamsJar, path.join(streamsDir, "libs", "*")].join(path.delimiter);
  const args = [`bootstrap=${options.brokers.join(",")}`, `appId=${options.appId}`, `workload=${options.workload}`, `input=${options.input}`, `output=${options.output}`, `guarantee=${options.guarantee}`, `stateDir=${stateDir}`, ...(options.input2 ? [`input2=${options.input2}`] : []), ...(options.emitIntervalMs !== undefined ? [`emitIntervalMs=${options.emitIntervalMs}`] : []), ...(options.threads ? [`threads=${options.threads}`] : [])];
  return spawn("java", ["-cp", classpath, "dev.streamline.bench.StreamsBench", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
}

/** The Java version line, for the machine description. */
export function javaVersion(): string {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  return (result.stderr || result.stdout).split("\n")[0]?.trim() ?? "unknown";
}
