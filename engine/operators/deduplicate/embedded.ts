import type { Emit, OperatorContext, StatefulOperator } from "../../runtime/operator";
import { fieldReader } from "../../runtime/read-field";
import { StateStore } from "../../runtime/state-store";
import type { StreamRecord } from "../../runtime/stream-record";
import { TimerIndex } from "../../runtime/timer-index";
import { safeJson } from "../shared/compile-node-expression";
import type { DeduplicateData } from "./description";

/** The first record of a key in a window: its window, event time, fields and origin. */
type Kept = { s: number; e: number; ts: number; f: Record<string, unknown>; o: StreamRecord["origin"] };

const watermarkKey = "~t";

/**
 * Window deduplication on event time, as Flink's: time is cut into windows of
 * `within` ms (aligned to the epoch); per window and key the record with the
 * smallest event time is kept (the first to arrive among equal times) and
 * emitted, unchanged, when the watermark passes the window's end plus the
 * allowed lateness. Later records of the key in that window are dropped; a
 * record for a window already closed is late and goes to the dead letters.
 * The kept records and the watermark are state, written to the changelog with
 * the output, so a crash neither loses nor repeats one.
 */
export function createDeduplicate(nodeId: string, data: DeduplicateData): StatefulOperator {
  const readers = data.key.map((path) => fieldReader(path));
  const within = data.within;
  const lateness = data.allowedLateness ?? 0;
  const state = new StateStore<unknown>();
  const timers = new TimerIndex();
  let watermark = Number.NEGATIVE_INFINITY;

  const late = (record: StreamRecord, context: OperatorContext) =>
    context.deadLetter({
      code: "late-record",
      message: `Record at ${new Date(record.timestamp).toISOString()} arrived after its deduplication window closed (watermark ${new Date(watermark).toISOString()}, allowed lateness ${lateness} ms)`,
      nodeId,
      origin: record.origin,
      payload: safeJson(record.fields),
      timestamp: record.timestamp,
    });

  const closeDue = (emit: Emit) => {
    for (const { key } of timers.popDue(watermark)) {
      const kept = state.get(key) as Kept | undefined;
      if (!kept) continue;
      state.delete(key);
      emit({ fields: kept.f, timestamp: kept.ts, origin: kept.o });
    }
  };

  return {
    kind: "stateful",
    nodeId,
    state: state as StateStore,
    process(batch, _port, _emit, context) {
      for (const record of batch) {
        const start = record.timestamp - (((record.timestamp % within) + within) % within);
        const end = start + within;
        if (end + lateness <= watermark) {
          late(record, context);
          continue;
        }
        const key = `d|${start}|${JSON.stringify(readers.map((read) => read(record.fields) ?? null))}`;
        const kept = state.get(key) as Kept | undefined;
        if (kept && kept.ts <= record.timestamp) continue;
        state.put(key, { s: start, e: end, ts: record.timestamp, f: record.fields, o: record.origin });
        timers.schedule(key, end + lateness);
      }
    },
    restored() {
      timers.clear();
      const saved = state.get(watermarkKey);
      watermark = typeof saved === "number" ? saved : Number.NEGATIVE_INFINITY;
      for (const key of state.keys()) if (key.startsWith("d|")) timers.schedule(key, (state.get(key) as Kept).e + lateness);
    },
    watermark: () => watermark,
    advanceWatermark(next, emit) {
      if (next <= watermark) return;
      watermark = next;
      state.put(watermarkKey, watermark);
      closeDue(emit);
    },
  };
}
