// Stress harness for the "running, nothing consumed" defect (docs/operations.md): many embedded
// runners start at once on fresh topics with a backlog, optionally beside CPU burners, and every
// runner must commit its first batch soon. A slow or stalled start prints the runner's statuses and
// its consumer's activity.
//
//   tsx bench/start-stress.ts [--rounds N] [--runners N] [--burners N] [--lines N]
import { spawn, type ChildProcess } from "node:child_process";
import { wordCountTemplate } from "../engine/graph";
import { createKafkajsClient } from "../engine/kafka/kafkajs-stream-client";
import { createTopics, produce, testBrokers, uniqueName } from "../engine/runners/kafka-test-kit";
import { SupervisedRunner } from "../engine/runners/supervised-runner";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg("rounds", 5);
const runnerCount = arg("runners", 6);
const burnerCount = arg("burners", 0);
const lineCount = arg("lines", 400);
const slowMs = arg("slow-seconds", 20) * 1000;

const words = ["alpha", "beta", "gamma", "delta", "epsilon"];
const lines = Array.from({ length: lineCount }, (_, i) => `${words[i % 5]} ${words[(i * 7) % 5]} ${words[(i * 3) % 5]}`);

async function main() {
  const burners: ChildProcess[] = Array.from({ length: burnerCount }, () => spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
  const warnings: string[] = [];
  const client = createKafkajsClient({ brokers: testBrokers, log: (level, message) => level !== "debug" && level !== "info" && warnings.push(`${new Date().toISOString().slice(11, 23)} ${level} ${message}`) });
  let slow = 0;
  try {
    for (let round = 1; round <= rounds; round++) {
      warnings.length = 0;
      const prepared = await Promise.all(
        Array.from({ length: runnerCount }, async (_, i) => {
          const input = uniqueName(`stress-in-${i}`);
          const output = uniqueName(`stress-out-${i}`);
          await createTopics([input], 3);
          await createTopics([output], 1);
          await produce(input, lines.map((value, n) => ({ value, partition: n % 3 })));
          return { input, output };
        }),
      );
      const started = Date.now();
      const runs = prepared.map(({ input, output }) => {
        const statuses: string[] = [];
        const runner = new SupervisedRunner(
          { pipelineId: uniqueName("stress"), generation: 0, guarantee: "exactly-once", document: wordCountTemplate({ input, output }), deadLetterTopic: `${output}.dlq`, client },
          { onStatus: (status, error) => statuses.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${status}${error ? `: ${error}` : ""}`) },
        );
        runner.start();
        return { runner, statuses, firstCommitMs: null as number | null, report: "" };
      });
      const deadline = started + 90_000;
      while (Date.now() < deadline && runs.some((r) => r.firstCommitMs === null)) {
        await new Promise((r) => setTimeout(r, 250));
        for (const r of runs) {
          const live = r.runner.runner;
          if (r.firstCommitMs === null && live && live.counters.recordsIn >= lineCount) r.firstCommitMs = Date.now() - started;
          if (r.firstCommitMs === null && live && Date.now() - started > slowMs && !r.report) r.report = live.describeActivity();
        }
      }
      const times = runs.map((r) => (r.firstCommitMs === null ? "never" : `${(r.firstCommitMs / 1000).toFixed(1)}s`));
      console.log(`round ${round}: all input read after ${times.join(", ")} (load ${(await import("node:os")).loadavg()[0]!.toFixed(1)})`);
      for (const r of runs) {
        if (r.firstCommitMs !== null && r.firstCommitMs < slowMs && r.statuses.every((s) => !s.includes("degraded"))) continue;
        slow += 1;
        console.log(`  SLOW: ${r.statuses.join(" → ")}\n  at ${slowMs / 1000}s: ${r.report}`);
      }
      if (runs.some((r) => r.report)) console.log(warnings.slice(-40).map((w) => `  ${w}`).join("\n"));
      await Promise.all(runs.map((r) => r.runner.stop()));
    }
  } finally {
    for (const b of burners) b.kill("SIGKILL");
    await client.close();
  }
  console.log(`${slow} slow or stalled starts in ${rounds * runnerCount}`);
}

void main().then(() => process.exit(0), (error) => (console.error(error), process.exit(1)));
