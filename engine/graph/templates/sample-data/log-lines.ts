import { byTime, type SampleOptions, type SampleRecord } from "./sample-record";
import { sampleId, seededRandom } from "./seeded-random";

const services = ["checkout", "catalog", "auth", "payments", "search"] as const;
const messages = {
  INFO: ["request served", "cache refreshed", "user signed in", "order accepted", "health check ok"],
  WARN: ["slow response from upstream", "retrying request", "cache miss storm", "deprecated API called"],
  ERROR: ["upstream timed out", "payment declined by provider", "database connection reset", "null pointer in handler"],
} as const;

/** 1,500 structured log lines from five services over the last ten minutes: mostly INFO, some WARN, a few ERROR. Keyed by service. */
export function logLines({ topics, now, seed }: SampleOptions, count = 1_500): SampleRecord[] {
  const random = seededRandom(seed);
  const span = 10 * 60_000;
  return byTime(
    Array.from({ length: count }, (_, i) => {
      const level = random.weighted<keyof typeof messages>([["INFO", 85], ["WARN", 10], ["ERROR", 5]]);
      const service = random.pick(services);
      const ts = now - span + Math.floor(((i + random.next()) / count) * span);
      const value = { ts, level, service, message: random.pick(messages[level]), latency_ms: random.int(2, level === "INFO" ? 200 : 5_000), trace_id: sampleId(random, "tr") };
      return { topic: topics.logs!, key: service, value, timestamp: ts };
    }),
  );
}
