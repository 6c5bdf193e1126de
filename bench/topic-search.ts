// Message search throughput: the topic browser's server-side scan with an
// expression filter, beside a plain kafkajs consumer reading the same records.
import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { compileFilter } from "../lib/server/topics/compile-filter";
import { planRanges, scanSearch } from "../lib/server/topics/search-scan";
import { searchBody } from "../lib/schemas/topics";

/** The filter searched with: selective (about 0.1% of the bench records), touching two fields. */
export const searchFilter = "amount > 99 AND category = 'books'";

export type SearchThroughput = { records: number; seconds: number; recordsPerSecond: number; matched?: number };

/** Scans the whole topic as `POST /api/topics/:name/search` does (same code, without HTTP), with no bound reached. */
export async function measureTopicSearch(brokers: string[], topic: string, total: number): Promise<SearchThroughput> {
  const kafka = new Kafka({ clientId: "bench-search", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const search = searchBody.parse({ filter: searchFilter, maxRecords: 5_000_000, maxSeconds: 120, maxMatches: 1000 });
    const started = performance.now();
    const ranges = await planRanges(admin, topic, search);
    let end: { scanned: number; matched: number; reason: string } | null = null;
    for await (const event of scanSearch((scan) => scan(kafka), topic, search, ranges, compileFilter(searchFilter), new AbortController().signal)) {
      if (event.type === "end") end = { scanned: event.progress.scanned, matched: event.progress.matched, reason: event.reason };
    }
    const seconds = (performance.now() - started) / 1000;
    if (!end || end.scanned !== total) throw new Error(`The search scanned ${end?.scanned} of ${total} records (${end?.reason})`);
    return { records: end.scanned, seconds, recordsPerSecond: end.scanned / seconds, matched: end.matched };
  } finally {
    await admin.disconnect();
  }
}

/** A plain kafkajs consumer (throwaway group, from the beginning, large fetches) reading every record and parsing nothing. */
export async function measurePlainConsumer(brokers: string[], topic: string, total: number): Promise<SearchThroughput> {
  const kafka = new Kafka({ clientId: "bench-plain", brokers, logLevel: logLevel.NOTHING });
  const groupId = `bench-plain-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytesPerPartition: 8 * 1024 * 1024, maxBytes: 32 * 1024 * 1024 });
  const started = performance.now();
  let read = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The plain consumer read ${read} of ${total} records in 120 s`)), 120_000);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            read += batch.messages.length;
            if (read >= total) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  const seconds = (performance.now() - started) / 1000;
  return { records: read, seconds, recordsPerSecond: read / seconds };
}
