import type { ReduceData, WindowSpec } from "./description";
import type { Emit, OperatorContext, StatefulOperator } from "../../runtime/operator";
import { fieldReader } from "../../runtime/read-field";
import { StateStore } from "../../runtime/state-store";
import { emptyFields, type StreamRecord } from "../../runtime/stream-record";
import { TimerIndex } from "../../runtime/timer-index";
import { AccumulatorTable, streamTimeKey } from "./accumulator-table";
import { accumulate, createAggregators, readAggregateInputs, type Accumulator } from "./aggregates";
import { safeJson, typeDeadLetter } from "../shared/compile-node-expression";

type GroupState = { g: unknown[]; a: Accumulator[] };
/** `emit: "commit"`: what the next output of a changed key carries besides its aggregates (those of its latest record). */
type Held = { group: unknown[]; timestamp: number; origin: StreamRecord["origin"] };

/**
 * `emit: "commit"` holds at most this many changed keys; the next record
 * beyond it emits them all at once (as Kafka Streams' cache evicts when full),
 * so the held keys' memory stays bounded between commits. Mid-commit output
 * is correct too: it is a key's value at that point, and the commit writes it
 * with the state that produced it.
 */
export const maxHeldKeys = 50_000;

type WindowState = GroupState & { s: number; e: number };
type Session = { s: number; e: number; a: Accumulator[] };
type SessionState = { g: unknown[]; sessions: Session[] };

/**
 * Keyed aggregation. Without a window it emits the updated aggregate of a key
 * on every input (the latest record per key is the result), or with
 * `emit: "commit"` each changed key's latest aggregate once per commit (see
 * `flush`), carrying the time and origin of the key's latest record. With a window it
 * aggregates per window on event time and emits each window once, when the
 * watermark (the minimum over its inputs' source partitions of their largest
 * event time minus the source's watermark delay) reaches its end plus the
 * allowed lateness. Records for windows already emitted are late: they go to
 * the dead-letter topic. Which windows are emitted, and with what, does not
 * depend on how partitions interleave or how the input is batched, for every
 * record that is out of order by at most its source's watermark delay.
 */
export function createReduce(nodeId: string, data: ReduceData): StatefulOperator {
  const aggregators = createAggregators(data.aggregations);
  const groupReaders = data.groupBy.map((path) => fieldReader(path));
  const groupNames = data.groupBy.map((path) => path.split(".").at(-1)!);
  const lateness = data.allowedLateness ?? 0;
  const window = data.window;
  // Without a window the state is one accumulator row per key, off the heap; with one, windows and sessions come and go.
  const table = window ? null : new AccumulatorTable(aggregators);
  const state = new StateStore<unknown>();
  const timers = new TimerIndex();
  let streamTime = Number.NEGATIVE_INFINITY;
  /** Windowed: the watermark last advanced to (committed under the stream-time key). */
  let watermark = Number.NEGATIVE_INFINITY;

  const groupOf = (fields: Record<string, unknown>) => {
    const group = new Array<unknown>(groupReaders.length);
    for (let i = 0; i < groupReaders.length; i++) group[i] = groupReaders[i]!(fields);
    return group;
  };

  const tableOutput = (group: unknown[], entry: number) => {
    const fields = emptyFields();
    for (let i = 0; i < groupNames.length; i++) fields[groupNames[i]!] = group[i];
    for (let i = 0; i < aggregators.length; i++) fields[aggregators[i]!.as] = table!.result(entry, i);
    return fields;
  };
  const output = (group: unknown[], accumulators: Accumulator[], windowStart?: number, windowEnd?: number) => {
    const fields = emptyFields();
    for (let i = 0; i < groupNames.length; i++) fields[groupNames[i]!] = group[i];
    for (let i = 0; i < aggregators.length; i++) fields[aggregators[i]!.as] = aggregators[i]!.result(accumulators[i]!);
    if (windowStart !== undefined) {
      fields.window_start = windowStart;
      fields.window_end = windowEnd;
    }
    return fields;
  };
  const initial = () => {
    const accumulators = new Array<Accumulator>(aggregators.length);
    for (let i = 0; i < aggregators.length; i++) accumulators[i] = aggregators[i]!.initial();
    return accumulators;
  };

  const advance = (timestamp: number) => {
    if (timestamp > streamTime) {
      streamTime = timestamp;
      if (table) table.streamTime = streamTime;
      else state.put(streamTimeKey, streamTime);
    }
  };

  const late = (record: StreamRecord, context: OperatorContext) =>
    context.deadLetter({
      code: "late-record",
      message: `Record at ${new Date(record.timestamp).toISOString()} arrived after its window closed (watermark ${new Date(watermark).toISOString()}, allowed lateness ${lateness} ms)`,
      nodeId,
      origin: record.origin,
      payload: safeJson(record.fields),
      timestamp: record.timestamp,
    });

  let handle: (record: StreamRecord, values: unknown[], emit: Emit, context: OperatorContext) => void;
  let rebuildTimers: () => void = () => {};
  let closeDue: (emit: Emit) => void = () => {};

  /** `emit: "commit"`: the keys changed since the last flush, by table entry, in the order they first changed. */
  const held = new Map<number, Held>();
  const flushHeld = (emit: Emit) => {
    for (const [entry, { group, timestamp, origin }] of held) emit({ fields: tableOutput(group, entry), timestamp, origin });
    held.clear();
  };

  if (!window && data.emit === "commit") {
    handle = (record, values, emit) => {
      const group = groupOf(record.fields);
      const entry = table!.entry(JSON.stringify(group));
      table!.accumulate(entry, values);
      advance(record.timestamp);
      const previous = held.get(entry);
      if (previous) {
        previous.group = group;
        previous.timestamp = record.timestamp;
        previous.origin = record.origin;
      } else {
        if (held.size >= maxHeldKeys) flushHeld(emit);
        held.set(entry, { group, timestamp: record.timestamp, origin: record.origin });
      }
    };
  } else if (!window) {
    handle = (record, values, emit) => {
      const group = groupOf(record.fields);
      const entry = table!.entry(JSON.stringify(group));
      table!.accumulate(entry, values);
      advance(record.timestamp);
      // This record's group values serialise as the key's, so the output is the same as with the stored ones.
      emit({ fields: tableOutput(group, entry), timestamp: record.timestamp, origin: record.origin });
    };
  } else if (window.type === "session") {
    const gap = window.gap;
    handle = (record, values, _emit, context) => {
      const group = groupOf(record.fields);
      const key = `s|${JSON.stringify(group)}`;
      const current = (state.get(key) as SessionState | undefined) ?? { g: group, sessions: [] };
      const ts = record.timestamp;
      const touching = current.sessions.filter((session) => ts >= session.s - gap && ts <= session.e + gap);
      if (touching.length === 0 && ts + gap + lateness <= watermark) return late(record, context);
      let merged: Session = { s: ts, e: ts, a: accumulate(aggregators, initial(), values) };
      for (const session of touching) {
        merged = { s: Math.min(merged.s, session.s), e: Math.max(merged.e, session.e), a: merged.a.map((acc, i) => aggregators[i]!.merge(acc, session.a[i]!)) };
      }
      const sessions = [...current.sessions.filter((session) => !touching.includes(session)), merged].sort((a, b) => a.s - b.s);
      state.put(key, { g: current.g, sessions });
      timers.schedule(key, Math.min(...sessions.map((session) => session.e + gap + lateness)));
    };
    const closeSessions = (key: string, emit: Emit) => {
      const current = state.get(key) as SessionState | undefined;
      if (!current) return;
      const open: Session[] = [];
      for (const session of current.sessions) {
        if (session.e + gap + lateness <= watermark) {
          emit({ fields: output(current.g, session.a, session.s, session.e + gap), timestamp: session.e + gap - 1, origin: syntheticOrigin(nodeId) });
        } else {
          open.push(session);
        }
      }
      if (open.length === 0) state.delete(key);
      else {
        state.put(key, { g: current.g, sessions: open });
        timers.schedule(key, Math.min(...open.map((session) => session.e + gap + lateness)));
      }
    };
    closeDue = (emit: Emit) => {
      for (const { key } of timers.popDue(watermark)) closeSessions(key, emit);
    };
    rebuildTimers = () => {
      for (const key of state.keys()) {
        if (!key.startsWith("s|")) continue;
        const current = state.get(key) as SessionState;
        timers.schedule(key, Math.min(...current.sessions.map((session) => session.e + gap + lateness)));
      }
    };
  } else {
    const spec = window;
    handle = (record, values, _emit, context) => {
      const group = groupOf(record.fields);
      const groupKey = JSON.stringify(group);
      let added = false;
      for (const start of windowStarts(spec, record.timestamp)) {
        const end = start + spec.size;
        if (end + lateness <= watermark) continue;
        const key = `w|${start}|${groupKey}`;
        let current = state.get(key) as WindowState | undefined;
        if (current) accumulate(aggregators, current.a, values);
        else {
          current = { g: group, a: accumulate(aggregators, initial(), values), s: start, e: end };
          timers.schedule(key, end + lateness);
        }
        state.put(key, current);
        added = true;
      }
      if (!added) late(record, context);
    };
    closeDue = (emit: Emit) => {
      for (const { key } of timers.popDue(watermark)) {
        const current = state.get(key) as WindowState | undefined;
        if (!current) continue;
        state.delete(key);
        emit({ fields: output(current.g, current.a, current.s, current.e), timestamp: current.e - 1, origin: syntheticOrigin(nodeId) });
      }
    };
    rebuildTimers = () => {
      for (const key of state.keys()) {
        if (!key.startsWith("w|")) continue;
        timers.schedule(key, (state.get(key) as WindowState).e + lateness);
      }
    };
  }

  return {
    kind: "stateful",
    nodeId,
    state: table ?? state,
    process(batch, _port, emit, context) {
      const values = new Array<unknown>(aggregators.length);
      for (const record of batch) {
        const error = readAggregateInputs(aggregators, record.fields, values);
        if (error !== null) {
          context.deadLetter(typeDeadLetter(nodeId, record, error));
          continue;
        }
        handle(record, values, emit, context);
      }
    },
    ...(!window && data.emit === "commit" ? { flush: (emit: Emit) => flushHeld(emit) } : {}),
    restored() {
      held.clear();
      timers.clear();
      const saved = table ? table.streamTime : state.get(streamTimeKey);
      streamTime = typeof saved === "number" ? saved : Number.NEGATIVE_INFINITY;
      watermark = window ? streamTime : Number.NEGATIVE_INFINITY;
      rebuildTimers();
    },
    ...(window
      ? {
          watermark: () => watermark,
          advanceWatermark(next: number, emit: Emit) {
            if (next <= watermark) return;
            watermark = next;
            state.put(streamTimeKey, watermark);
            closeDue(emit);
          },
        }
      : {}),
  };
}

/** The starts of the windows a timestamp falls in: one for tumbling, size/slide for hopping. */
export function windowStarts(window: Exclude<WindowSpec, { type: "session" }>, timestamp: number): number[] {
  const step = window.type === "tumbling" ? window.size : window.slide;
  const last = timestamp - mod(timestamp, step);
  const starts: number[] = [];
  for (let start = last; start > timestamp - window.size; start -= step) starts.push(start);
  return starts.reverse();
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Window results are not tied to one input record; their origin names the node that produced them. */
function syntheticOrigin(nodeId: string) {
  return { topic: `(window of ${nodeId})`, partition: -1, offset: "-1" };
}
