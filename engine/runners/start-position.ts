import type { StreamClient } from "../kafka/stream-client";

/**
 * Where a deployment's sources start reading (replay), instead of where the
 * last deployment of the same generation committed. `offsets` lists the next
 * offset to read per partition; partitions it does not list keep their
 * committed offset (or start as the source node says when there is none).
 */
export type StartPosition =
  | { from: "earliest" }
  | { from: "latest" }
  | { from: "timestamp"; timestamp: number }
  | { from: "offsets"; offsets: PartitionOffset[] };

export type PartitionOffset = { topic: string; partition: number; offset: string };

/**
 * A start position to apply once: the runner commits its offsets for the
 * deployment's group before reading anything, then calls `markApplied`; a
 * restart of the runner after that continues from the committed offsets.
 */
export type PendingStart = { position: StartPosition; readonly applied: boolean; markApplied: () => Promise<void> };

/** A PendingStart whose `persist` records (e.g. in the database) that it was applied; until it resolves the start is applied again on a restart, which is safe because nothing was read yet. */
export function startOnce(position: StartPosition, persist: () => Promise<void> = async () => {}): PendingStart {
  let applied = false;
  return {
    position,
    get applied() {
      return applied;
    },
    markApplied: async () => {
      await persist();
      applied = true;
    },
  };
}

/**
 * The concrete offsets a start position means for these topics, read from
 * the broker: the first offset at or after the timestamp per partition (the
 * end when none), the log start, or the end. Explicit offsets naming a topic
 * the pipeline does not read are refused.
 */
export async function resolveStartOffsets(client: StreamClient, topics: string[], position: StartPosition): Promise<PartitionOffset[]> {
  if (position.from === "offsets") {
    const unknown = position.offsets.find((o) => !topics.includes(o.topic));
    if (unknown) throw new Error(`Offsets name topic '${unknown.topic}', which no source of this pipeline reads (it reads ${topics.join(", ")})`);
    return position.offsets;
  }
  const at = position.from === "timestamp" ? position.timestamp : position.from;
  const result: PartitionOffset[] = [];
  for (const topic of topics) {
    for (const { partition, offset } of await client.offsetsAt(topic, at)) result.push({ topic, partition, offset });
  }
  return result;
}

/** One line for people: "from 2026-12-02T10:32:00.000Z", "from the earliest offsets", "from 3 explicit offsets". */
export function describeStartPosition(position: StartPosition): string {
  switch (position.from) {
    case "earliest":
      return "from the earliest offsets";
    case "latest":
      return "from the latest offsets (only new records)";
    case "timestamp":
      return `from ${new Date(position.timestamp).toISOString()}`;
    case "offsets":
      return `from ${position.offsets.length} explicit offset${position.offsets.length === 1 ? "" : "s"}`;
  }
}
