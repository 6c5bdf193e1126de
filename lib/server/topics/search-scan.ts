import type { Admin, Kafka } from "kafkajs";
import type { z } from "zod";
import type { searchBody, SearchEvent } from "@/lib/schemas/topics";
import { ApiError } from "../api/api-error";
import type { SearchFilter } from "./compile-filter";
import { scanPartitions, type PartitionRange } from "./scan-partitions";
import { filterRecord, readRecord, toTopicMessage } from "./to-topic-message";

export type SearchRequest = z.output<typeof searchBody>;

/** How often the stream reports progress while scanning. */
const progressEveryMs = 250;

/**
 * The scan of a search (no server dependencies, so the benchmark runs it too):
 * reads the ranges through `run`'s Kafka client, evaluates the compiled filter
 * on each record and yields matches and progress as they come, then the end
 * with its reason and the cursor. Bounded by the request's records, seconds
 * and matches; `signal` cancels.
 */
export async function* scanSearch(
  run: (scan: (kafka: Kafka) => Promise<void>) => Promise<void>,
  topic: string,
  search: SearchRequest,
  ranges: PartitionRange[],
  filter: SearchFilter | null,
  signal: AbortSignal,
): AsyncGenerator<SearchEvent> {
  const started = Date.now();
  const total = Number(ranges.reduce((sum, range) => sum + (range.to > range.from ? range.to - range.from : 0n), 0n));
  const next = new Map(ranges.map((range) => [range.partition, range.from]));
  const queue: SearchEvent[] = [];
  let wake: (() => void) | null = null;
  const push = (event: SearchEvent) => {
    queue.push(event);
    wake?.();
  };
  let scanned = 0;
  let matched = 0;
  let errors = 0;
  let firstError: string | undefined;
  let reason: "end" | "records" | "time" | "matches" | "cancelled" = "end";
  let lastProgress = 0;
  const progress = () => ({ scanned, matched, elapsedMs: Date.now() - started, total });
  const deadline = started + search.maxSeconds * 1000;
  const stop = new AbortController();
  const onAbort = () => {
    reason = "cancelled";
    stop.abort();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    if (reason === "end") reason = "time";
    stop.abort();
  }, Math.max(0, deadline - Date.now()));

  let finished = false;
  let failure: unknown = null;
  void run((kafka) =>
    scanPartitions(
      kafka,
      topic,
      ranges,
      (partition, messages) => {
        for (const message of messages) {
          if (scanned >= search.maxRecords) {
            reason = "records";
            return "stop";
          }
          if (matched >= search.maxMatches) {
            reason = "matches";
            return "stop";
          }
          if ((scanned & 1023) === 0 && Date.now() >= deadline) {
            reason = "time";
            return "stop";
          }
          scanned += 1;
          next.set(partition, BigInt(message.offset) + 1n);
          const timestamp = Number(message.timestamp);
          if ((search.fromTime !== undefined && timestamp < search.fromTime) || (search.toTime !== undefined && timestamp > search.toTime)) continue;
          const record = readRecord(partition, message, search.format);
          let hit = true;
          if (filter) {
            try {
              hit = filter.matches(filterRecord(record, filter.reads));
            } catch (error) {
              hit = false;
              errors += 1;
              firstError ??= `partition ${partition} offset ${message.offset}: ${error instanceof Error ? error.message : String(error)}`;
            }
          }
          if (hit) {
            matched += 1;
            push({ type: "match", message: toTopicMessage(record, search.format) });
          }
        }
        const now = Date.now();
        if (now - lastProgress >= progressEveryMs) {
          lastProgress = now;
          push({ type: "progress", progress: progress() });
        }
        return "continue";
      },
      stop.signal,
    ),
  )
    .catch((error) => {
      failure = error;
    })
    .finally(() => {
      finished = true;
      wake?.();
    });

  try {
    push({ type: "progress", progress: progress() });
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (finished) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    if (failure && (reason as string) !== "cancelled") throw failure;
    yield {
      type: "end",
      reason,
      progress: progress(),
      cursor: [...next].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
      errors,
      ...(firstError ? { firstError } : {}),
    };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
    stop.abort();
  }
}

/**
 * The offset range of each partition searched: from the cursor, the offset or
 * time range's start, or the log start; to the range's end or the high-water
 * mark as it is now (records written during the scan are left for "continue").
 */
export async function planRanges(admin: Admin, topic: string, search: SearchRequest): Promise<PartitionRange[]> {
  const bounds = await admin.fetchTopicOffsets(topic);
  if (search.partition !== undefined && !bounds.some((p) => p.partition === search.partition)) {
    throw new ApiError(400, "invalid_request", `Topic '${topic}' has no partition ${search.partition} (it has ${bounds.length})`, [{ field: "partition", message: `Partitions are 0 to ${bounds.length - 1}` }]);
  }
  const selected = bounds.filter((p) => search.partition === undefined || p.partition === search.partition);
  const fromTime = search.fromTime === undefined ? null : new Map((await admin.fetchTopicOffsetsByTimestamp(topic, search.fromTime)).map((p) => [p.partition, p.offset]));
  const toTime = search.toTime === undefined ? null : new Map((await admin.fetchTopicOffsetsByTimestamp(topic, search.toTime + 1)).map((p) => [p.partition, p.offset]));
  const cursor = search.cursor ? new Map(search.cursor.map((entry) => [entry.partition, BigInt(entry.offset)])) : null;
  return selected.flatMap((p) => {
    if (cursor && !cursor.has(p.partition)) return [];
    const low = BigInt(p.low);
    const high = BigInt(p.high);
    let from = low;
    if (search.fromOffset !== undefined) from = max(from, BigInt(search.fromOffset));
    const byTime = fromTime?.get(p.partition);
    if (byTime !== undefined) from = max(from, byTime === "-1" ? high : BigInt(byTime));
    if (cursor) from = max(low, cursor.get(p.partition)!);
    let to = high;
    if (search.toOffset !== undefined) to = min(to, BigInt(search.toOffset) + 1n);
    const untilTime = toTime?.get(p.partition);
    if (untilTime !== undefined && untilTime !== "-1") to = min(to, BigInt(untilTime));
    return [{ partition: p.partition, from, to }];
  });
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
