import { describe, expect, it } from "vitest";
import type { ConsumerActivity } from "../kafka/stream-client";
import { describeActivity, idleSince, partitionsBehind, stalledCommitSeconds } from "./stall-check";

const activity = (over: Partial<ConsumerActivity> = {}): ConsumerActivity => ({ joinedAt: 1_000, assignment: { in: [0, 1, 2] }, fetches: 10, lastFetchAt: 40_000, batches: 0, lastBatchAt: null, positions: {}, ...over });

describe("the runner's stall check", () => {
  it("flags a commit only once it has run longer than the limit", () => {
    expect(stalledCommitSeconds(100_000, null, 60_000)).toBeNull();
    expect(stalledCommitSeconds(100_000, 50_000, 60_000)).toBeNull();
    expect(stalledCommitSeconds(100_000, 30_000, 60_000)).toBe(70);
  });

  it("counts idleness from the join or the last batch, and not before the join", () => {
    expect(idleSince(100_000, activity({ joinedAt: null }), 30_000)).toBeNull();
    expect(idleSince(20_000, activity(), 30_000)).toBeNull();
    expect(idleSince(40_000, activity(), 30_000)).toBe(1_000);
    expect(idleSince(40_000, activity({ lastBatchAt: 20_000 }), 30_000)).toBeNull();
    expect(idleSince(60_000, activity({ lastBatchAt: 20_000 }), 30_000)).toBe(20_000);
  });

  it("finds assigned partitions with records past the fetched, committed or first offset", () => {
    const offsets = [
      // Fetched up to 40 of 50: behind, whatever the committed offset says.
      { topic: "in", partition: 0, end: "50", committed: "50" },
      // Never fetched, committed 7 of 7: caught up.
      { topic: "in", partition: 1, end: "7", committed: "7" },
      // Never fetched, nothing committed, read from the beginning: behind from its first offset.
      { topic: "in", partition: 2, end: "30", committed: null, earliest: "0" },
      // Not assigned to this consumer.
      { topic: "in", partition: 3, end: "99", committed: null, earliest: "0" },
    ];
    expect(partitionsBehind(activity({ positions: { "in/0": "40" } }), offsets)).toEqual(["in/0 at 40 of 50", "in/2 at 0 of 30"]);
  });

  it("does not count a partition whose position is unknown (a new group starting at the end)", () => {
    expect(partitionsBehind(activity(), [{ topic: "in", partition: 0, end: "50", committed: null }])).toEqual([]);
  });

  it("does not count a partition whose last batch held only transaction markers up to the end", () => {
    expect(partitionsBehind(activity({ positions: { "in/0": "51" } }), [{ topic: "in", partition: 0, end: "51", committed: "49" }])).toEqual([]);
  });

  it("describes the consumer for an error message", () => {
    expect(describeActivity(41_000, activity({ positions: { "in/0": "40" } }))).toBe(
      'Consumer: joined 40.0 s ago with {"in":[0,1,2]}, 10 fetches (last 1.0 s ago), 0 batches (last never), positions {"in/0":"40"}.',
    );
    expect(describeActivity(0, undefined)).toBe("Consumer: not started.");
  });
});
