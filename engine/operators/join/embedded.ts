import type { JoinData } from "./description";
import type { Emit, InputPortName, OperatorContext, StatefulOperator } from "../../runtime/operator";
import { fieldReader } from "../../runtime/read-field";
import { StateStore } from "../../runtime/state-store";
import { copyFields, type StreamRecord } from "../../runtime/stream-record";
import { TimerIndex } from "../../runtime/timer-index";
import { safeJson } from "../shared/compile-node-expression";

type Buffered = { k: string; ts: number; f: Record<string, unknown>; o: StreamRecord["origin"]; m?: true };

const streamTimeKey = "~t";

/**
 * A windowed stream-stream join (an interval join): a left and a right record
 * match when their keys are equal and their timestamps at most `within` ms
 * apart. Each side is buffered in state until the watermark (the minimum over
 * both sides' source partitions, see watermark-tracker.ts) has moved past the
 * point where a partner could still arrive; then it is dropped, or, for a
 * left join, an unmatched left record is emitted once with no right fields.
 * Output fields: the left fields, then the right fields; a right field whose
 * name the left side already has is renamed `right_<name>`. NULL keys never
 * match.
 */
export function createJoin(nodeId: string, data: JoinData): StatefulOperator {
  const readLeft = fieldReader(data.leftKey);
  const readRight = fieldReader(data.rightKey);
  const within = data.within;
  const lateness = data.allowedLateness ?? 0;
  const state = new StateStore<unknown>();
  const timers = new TimerIndex();
  /** Buffered state keys per side and join key, so a lookup does not scan the buffer. */
  const index = { left: new Map<string, Set<string>>(), right: new Map<string, Set<string>>() };
  /** The watermark last advanced to (committed under `~t`). */
  let watermark = Number.NEGATIVE_INFINITY;

  const combine = (left: Buffered, right: Buffered | null): StreamRecord => {
    const fields = copyFields(left.f);
    if (right) {
      for (const name of Object.keys(right.f)) fields[Object.hasOwn(left.f, name) ? `right_${name}` : name] = right.f[name];
    }
    return { fields, timestamp: right ? Math.max(left.ts, right.ts) : left.ts, origin: left.o };
  };

  const addToIndex = (side: "left" | "right", joinKey: string, stateKey: string) => {
    let keys = index[side].get(joinKey);
    if (!keys) index[side].set(joinKey, (keys = new Set()));
    keys.add(stateKey);
  };

  const removeFromIndex = (side: "left" | "right", joinKey: string, stateKey: string) => {
    const keys = index[side].get(joinKey);
    keys?.delete(stateKey);
    if (keys?.size === 0) index[side].delete(joinKey);
  };

  const expireDue = (emit: Emit) => {
    for (const { key } of timers.popDue(watermark - 1)) {
      const buffered = state.get(key) as Buffered | undefined;
      if (!buffered) continue;
      const side = key.startsWith("L|") ? "left" : "right";
      state.delete(key);
      removeFromIndex(side, buffered.k, key);
      if (side === "left" && data.type === "left" && !buffered.m) emit(combine(buffered, null));
    }
  };

  const handle = (record: StreamRecord, side: "left" | "right", emit: Emit, context: OperatorContext) => {
    const keyValue = (side === "left" ? readLeft : readRight)(record.fields);
    const entry: Buffered = { k: "", ts: record.timestamp, f: record.fields, o: record.origin };
    if (keyValue === null) {
      // SQL: a NULL key matches nothing; a left join still keeps the left record.
      if (side === "left" && data.type === "left") emit(combine(entry, null));
      return;
    }
    // A record more than the allowed lateness behind the watermark is late; a buffered record
    // expires once the watermark has passed the last time an on-time partner could have.
    if (record.timestamp < watermark - lateness) {
      context.deadLetter({
        code: "late-record",
        message: `Record at ${new Date(record.timestamp).toISOString()} is too late to join (watermark ${new Date(watermark).toISOString()}, allowed lateness ${lateness} ms)`,
        nodeId,
        origin: record.origin,
        payload: safeJson(record.fields),
        timestamp: record.timestamp,
      });
      return;
    }
    const expiresAt = record.timestamp + within + lateness;
    entry.k = JSON.stringify(keyValue);
    const other = side === "left" ? "right" : "left";
    for (const otherKey of index[other].get(entry.k) ?? []) {
      const partner = state.get(otherKey) as Buffered;
      if (Math.abs(partner.ts - entry.ts) > within) continue;
      const [left, right] = side === "left" ? [entry, partner] : [partner, entry];
      emit(combine(left, right));
      if (side === "left") entry.m = true;
      else if (!partner.m) state.put(otherKey, { ...partner, m: true });
    }
    const stateKey = `${side === "left" ? "L" : "R"}|${entry.k}|${record.origin.topic}:${record.origin.partition}:${record.origin.offset}`;
    state.put(stateKey, entry);
    addToIndex(side, entry.k, stateKey);
    timers.schedule(stateKey, expiresAt);
  };

  return {
    kind: "stateful",
    nodeId,
    state: state as StateStore,
    process(batch, port: InputPortName, emit, context) {
      const side = port === "right" ? "right" : "left";
      for (const record of batch) handle(record, side, emit, context);
    },
    restored() {
      timers.clear();
      index.left.clear();
      index.right.clear();
      const saved = state.get(streamTimeKey);
      watermark = typeof saved === "number" ? saved : Number.NEGATIVE_INFINITY;
      for (const key of state.keys()) {
        if (key === streamTimeKey) continue;
        const buffered = state.get(key) as Buffered;
        addToIndex(key.startsWith("L|") ? "left" : "right", buffered.k, key);
        timers.schedule(key, buffered.ts + within + lateness);
      }
    },
    watermark: () => watermark,
    advanceWatermark(next, emit) {
      if (next <= watermark) return;
      watermark = next;
      state.put(streamTimeKey, watermark);
      expireDue(emit);
    },
  };
}
