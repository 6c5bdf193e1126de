// Helpers for the tests that run the engine as the separate process `npm start`
// runs (the esbuild bundle), on a database and a broker of the test's choosing.
import { spawn, type ChildProcess } from "node:child_process";
import { Kafka, logLevel } from "kafkajs";
import { createTopicsAndWait } from "@/engine/kafka/topic-readiness";

/** One line of the engine's pino log. */
export type EngineLogLine = { level: string; time: string; msg: string; deployment?: string; pipeline?: string; component?: string };

/** A running engine process and what it logged so far. */
export type EngineProcess = {
  child: ChildProcess;
  /** Every JSON line of its stdout, in order. */
  lines: EngineLogLine[];
  /** SIGTERM, and waits for the exit (SIGKILL after `graceMs`). */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * Starts the engine bundle (scripts/build-engine.mjs) as its own process with
 * `env` added to this one's (DATABASE_URL, KAFKA_BROKERS, …), collecting its
 * log lines; stderr goes to the test's.
 */
export async function startEngine(env: Record<string, string>): Promise<EngineProcess> {
  const { buildEngine } = (await import("../scripts/build-engine.mjs" as string)) as { buildEngine: () => Promise<string> };
  const child = spawn(process.execPath, ["--enable-source-maps", await buildEngine()], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const lines: EngineLogLine[] = [];
  let rest = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts.filter(Boolean)) {
      try {
        lines.push(JSON.parse(part) as EngineLogLine);
      } catch {
        lines.push({ level: "unparsed", time: new Date().toISOString(), msg: part });
      }
    }
  });
  const stop = async (graceMs = 20_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { child, lines, stop };
}

/** The lines at `warn` or `error` (or not JSON at all), as text for a readable assertion. */
export function loudLines(lines: EngineLogLine[]): string[] {
  return lines.filter((line) => line.level === "warn" || line.level === "error" || line.level === "fatal" || line.level === "unparsed").map((line) => `${line.level}: ${line.msg}`);
}

/** Waits until `check` holds, polling every 250 ms; throws with `what` (and what `seen` says) after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, seen?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? `; last seen: ${JSON.stringify(await seen())}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Deterministic lines of 1–6 words from a small vocabulary. */
export function wordLines(count: number, seed: number): string[] {
  const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 6) }, () => words[next() % words.length]).join(" "));
}

/** Exact word counts of lines, split as the word-count template splits them. */
export function countWords(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) for (const word of line.toLowerCase().split(" ")) if (word) counts[word] = (counts[word] ?? 0) + 1;
  return counts;
}

/** Topics, records and committed reads on one cluster (the shared broker or a dedicated one). */
export function kafkaAt(brokers: string[]) {
  const kafka = new Kafka({ clientId: "streamline-engine-tests", brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  return {
    async createTopics(topics: string[]): Promise<void> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await createTopicsAndWait(admin, topics.map((topic) => ({ topic, numPartitions: 1 })));
      } finally {
        await admin.disconnect();
      }
    },
    async produce(topic: string, values: string[]): Promise<void> {
      // Idempotent: a send retried after NOT_LEADER on a new topic must not write the input twice.
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      try {
        await producer.send({ topic, messages: values.map((value) => ({ value })) });
      } finally {
        await producer.disconnect();
      }
    },
    /**
     * The same for many word counts at once, with one consumer (a group join per
     * topic would take seconds each): per topic, its latest counts and broken updates.
     */
    async manyWordCounts(topics: string[], expected: Record<string, number>, timeoutMs = 60_000): Promise<Record<string, { latest: Record<string, number>; broken: string[] }>> {
      const consumer = kafka.consumer({ groupId: `reader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, readUncommitted: false, maxWaitTimeInMs: 100 });
      const seen: Record<string, { latest: Record<string, number>; broken: string[] }> = Object.fromEntries(topics.map((topic) => [topic, { latest: {}, broken: [] }]));
      await consumer.connect();
      try {
        await consumer.subscribe({ topics, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ topic, message }) => {
            const { word, count } = JSON.parse(message.value!.toString()) as { word: string; count: number };
            const { latest, broken } = seen[topic]!;
            if (count !== (latest[word] ?? 0) + 1) broken.push(`${word}: ${latest[word] ?? 0} → ${count}`);
            latest[word] = count;
          },
        });
        const done = () => topics.every((topic) => Object.entries(expected).every(([word, count]) => seen[topic]!.latest[word] === count));
        const deadline = Date.now() + timeoutMs;
        while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return structuredClone(seen);
      } finally {
        await consumer.disconnect();
      }
    },
    /**
     * Reads a word count's committed output until the latest count of every word
     * equals `expected` (or `timeoutMs` passes), a second longer to catch late
     * duplicates; returns the latest counts and every update that was not the
     * previous count + 1 (a replayed or lost line).
     */
    async wordCounts(topic: string, expected: Record<string, number>, timeoutMs = 60_000): Promise<{ latest: Record<string, number>; broken: string[] }> {
      const consumer = kafka.consumer({ groupId: `reader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, readUncommitted: false, maxWaitTimeInMs: 100 });
      const latest: Record<string, number> = {};
      const broken: string[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const { word, count } = JSON.parse(message.value!.toString()) as { word: string; count: number };
            if (count !== (latest[word] ?? 0) + 1) broken.push(`${word}: ${latest[word] ?? 0} → ${count}`);
            latest[word] = count;
          },
        });
        const done = () => Object.entries(expected).every(([word, count]) => latest[word] === count);
        const deadline = Date.now() + timeoutMs;
        while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return { latest: { ...latest }, broken: [...broken] };
      } finally {
        await consumer.disconnect();
      }
    },
  };
}
