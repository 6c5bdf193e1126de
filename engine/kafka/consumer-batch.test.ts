import { describe, expect, it } from "vitest";
import { consumerBatches, kafkajsPatched } from "./kafkajs-patches";
import { offsetAtLeast } from "./consumer-batch";

type Message = { offset: string; key: Buffer | null; isControlRecord: boolean; batchContext: { producerId: string; inTransaction: boolean } };

const message = (offset: bigint | number, options: { control?: boolean; abortMarker?: boolean; producerId?: string; inTransaction?: boolean } = {}): Message => ({
  offset: String(offset),
  key: options.abortMarker ? Buffer.from([0, 0, 0, 0]) : options.control ? Buffer.from([0, 0, 0, 1]) : Buffer.from("k"),
  isControlRecord: options.control ?? options.abortMarker ?? false,
  batchContext: { producerId: options.producerId ?? "7", inTransaction: options.inTransaction ?? true },
});

/** Both Batch classes on the same fetch: the same fields (in the same order) and the same answers from every method. */
function expectSameBatch(fetchedOffset: string, partitionData: { partition: number; highWatermark: string; abortedTransactions?: unknown[]; messages: Message[] }) {
  const { original: Original, fast: Fast } = consumerBatches!;
  const want = new Original("topic", fetchedOffset, partitionData) as Record<string, unknown> & Record<string, () => unknown>;
  const got = new Fast("topic", fetchedOffset, partitionData) as Record<string, unknown> & Record<string, () => unknown>;
  expect(got).toBeInstanceOf(Original);
  expect(Object.keys(got)).toEqual(Object.keys(want));
  expect(got).toEqual(want);
  expect(got.messagesWithinOffset).not.toBe(got.rawMessages);
  for (const method of ["isEmpty", "isEmptyIncludingFiltered", "isEmptyDueToFiltering", "isEmptyControlRecord", "isEmptyDueToLogCompactedMessages", "firstOffset", "lastOffset", "offsetLag", "offsetLagLow"]) {
    expect(got[method]!(), method).toEqual(want[method]!());
  }
  return got;
}

describe("consumer batch", () => {
  it("is installed in front of kafkajs's", () => {
    expect(kafkajsPatched).toBe(true);
    expect(consumerBatches).not.toBeNull();
  });

  it("compares offsets as kafkajs's Long does, beyond 2^53 too", () => {
    for (const [offset, from, expected] of [["10", 10, true], ["9", 10, false], ["11", 10, true], ["0", 0, true]] as const) expect(offsetAtLeast(offset, from, null)).toBe(expected);
    const big = 2n ** 60n;
    expect(offsetAtLeast(String(big), Number(big), big)).toBe(true);
    expect(offsetAtLeast(String(big - 1n), Number(big), big)).toBe(false);
    expect(offsetAtLeast(String(big + 1n), 5, null)).toBe(true);
    expect(offsetAtLeast("9007199254740993", 9007199254740992, 9007199254740993n)).toBe(true);
    expect(offsetAtLeast("9007199254740992", 9007199254740992, 9007199254740993n)).toBe(false);
  });

  it("keeps what kafkajs keeps: records from the fetched offset on, without control records or aborted transactions", () => {
    const plain = Array.from({ length: 20 }, (_, i) => message(100 + i));
    expectSameBatch("100", { partition: 0, highWatermark: "120", messages: plain });
    // A compressed batch starts before the offset asked for.
    const got = expectSameBatch("105", { partition: 1, highWatermark: "130", messages: plain });
    expect((got.messages as unknown as Message[])[0]!.offset).toBe("105");
    // Every record before the offset: empty, due to log compaction.
    expectSameBatch("200", { partition: 0, highWatermark: "250", messages: plain });
    expectSameBatch("0", { partition: 0, highWatermark: "0", messages: [] });
    // Commit markers of transactions.
    expectSameBatch("100", { partition: 2, highWatermark: "104", messages: [message(100), message(101), message(102, { control: true }), message(103)] });
    expectSameBatch("102", { partition: 2, highWatermark: "103", messages: [message(102, { control: true })] });
    // An aborted transaction of producer 9 between committed records of producer 7.
    const aborted = [message(100), message(101, { producerId: "9" }), message(102, { producerId: "9" }), message(103, { producerId: "9", abortMarker: true }), message(104)];
    const kept = expectSameBatch("100", { partition: 0, highWatermark: "105", abortedTransactions: [{ producerId: "9", firstOffset: "101" }], messages: aborted });
    expect((kept.messages as unknown as Message[]).map((m) => m.offset)).toEqual(["100", "104"]);
    // Offsets beyond 2^53.
    const base = 2n ** 60n;
    expectSameBatch(String(base + 2n), { partition: 0, highWatermark: String(base + 10n), messages: Array.from({ length: 6 }, (_, i) => message(base + BigInt(i))) });
  });
});
