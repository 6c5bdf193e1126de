import type { OperatorState, StateChange } from "../../runtime/state-store";
import type { Accumulator, Aggregator } from "./aggregates";

/** The changelog key under which a reduce keeps its stream time. */
export const streamTimeKey = "~t";

const initialCapacity = 1024;
const empty = -1;

/** The cells an aggregate function keeps: an average is a sum and a count, the others one value. */
const cellsOf = (aggregator: Aggregator): number => (Array.isArray(aggregator.initial()) ? 2 : 1);

/**
 * The state of a reduce without a window: group key → accumulators, kept off
 * the V8 heap. A Map of a million keys to accumulator arrays costs about 140
 * bytes a key on the heap, and every major collection has to mark them all;
 * here a key costs about 70 bytes in typed arrays (its characters, an
 * open-addressing hash table, the numeric cells) that the collector never
 * visits. Accumulators are numbers, a sum-and-count pair, or NULL (NaN in a
 * cell); the rare string of a min or max over strings sits in a side map.
 *
 * The changelog format is the same as a StateStore's would be: under the key
 * `JSON.stringify(group values)` the value `{"g": group values, "a": accumulators}`,
 * and the stream time under `~t`.
 */
export class AccumulatorTable implements OperatorState {
  private readonly offsets: number[];
  /** Whether aggregate i keeps a pair of cells (an average). */
  private readonly pairs: boolean[];
  private readonly width: number;
  private capacity = initialCapacity;
  private count = 0;
  /** Open addressing, linear probing: entry index or `empty`; at most half full. */
  private slots = new Int32Array(initialCapacity * 2).fill(empty);
  private hashes = new Int32Array(initialCapacity);
  private keyStart = new Int32Array(initialCapacity);
  private keyLength = new Int32Array(initialCapacity);
  /** Every key's UTF-16 code units, one after the other. */
  private chars = new Uint16Array(initialCapacity * 16);
  private charsUsed = 0;
  private cells: Float64Array;
  /** min/max accumulators that hold a string, by cell index (the cell itself is NaN). */
  private readonly strings = new Map<number, string>();
  private changed = new Uint8Array(initialCapacity);
  private changedList = new Int32Array(initialCapacity);
  private changedCount = 0;
  private time: number | null = null;
  private timeChanged = false;

  constructor(private readonly aggregators: Aggregator[]) {
    let width = 0;
    this.offsets = aggregators.map((aggregator) => {
      const offset = width;
      width += cellsOf(aggregator);
      return offset;
    });
    this.pairs = aggregators.map((aggregator) => cellsOf(aggregator) === 2);
    this.width = width;
    this.cells = new Float64Array(initialCapacity * width);
  }

  /** Entries held (keys, plus the stream time once set), as a StateStore counts them. */
  get size(): number {
    return this.count + (this.time === null ? 0 : 1);
  }

  /** Bytes of the typed arrays behind the table, and of its string accumulators. */
  get approximateBytes(): number {
    let strings = 0;
    for (const value of this.strings.values()) strings += value.length * 2 + 16;
    return this.slots.byteLength + this.hashes.byteLength + this.keyStart.byteLength + this.keyLength.byteLength + this.chars.byteLength + this.cells.byteLength + this.changed.byteLength + this.changedList.byteLength + strings;
  }

  get streamTime(): number | null {
    return this.time;
  }

  set streamTime(value: number | null) {
    this.time = value;
    this.timeChanged = true;
  }

  /** The entry of a key, created with the aggregators' initial accumulators if it is new. */
  entry(key: string): number {
    const hash = hashOf(key);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      if (index === empty) return this.insert(key, hash, slot);
      if (this.hashes[index] === hash && this.keyEquals(index, key)) return index;
    }
  }

  /** Adds one record's inputs (`undefined` = NULL, skipped) to an entry's accumulators and marks it changed. */
  accumulate(entry: number, values: unknown[]): void {
    for (let i = 0; i < this.aggregators.length; i++) {
      if (values[i] !== undefined) this.write(entry, i, this.aggregators[i]!.add(this.read(entry, i), values[i]));
    }
    this.markChanged(entry);
  }

  /** The result of aggregate `i` of an entry (count, sum, average, min or max; NULL when empty). */
  result(entry: number, i: number): unknown {
    return this.aggregators[i]!.result(this.read(entry, i));
  }

  takeChanges(): StateChange[] {
    const changes: StateChange[] = [];
    for (let n = 0; n < this.changedCount; n++) {
      const entry = this.changedList[n]!;
      this.changed[entry] = 0;
      const key = this.keyOf(entry);
      changes.push({ key, value: `{"g":${key},"a":${JSON.stringify(this.accumulators(entry))}}` });
    }
    this.changedCount = 0;
    if (this.timeChanged && this.time !== null) changes.push({ key: streamTimeKey, value: JSON.stringify(this.time) });
    this.timeChanged = false;
    return changes;
  }

  discardChanges(): void {
    for (let n = 0; n < this.changedCount; n++) this.changed[this.changedList[n]!] = 0;
    this.changedCount = 0;
    this.timeChanged = false;
  }

  restore(change: StateChange): void {
    if (change.key === streamTimeKey) {
      this.time = change.value === null ? null : (JSON.parse(change.value) as number);
      return;
    }
    // A reduce without a window never deletes a key; a tombstone would come from an older format.
    if (change.value === null) return;
    const { a } = JSON.parse(change.value) as { a: Accumulator[] };
    const entry = this.entry(change.key);
    for (let i = 0; i < this.aggregators.length; i++) this.write(entry, i, a[i] ?? this.aggregators[i]!.initial());
  }

  clear(): void {
    this.strings.clear();
    this.count = 0;
    this.charsUsed = 0;
    this.changedCount = 0;
    this.changed.fill(0);
    this.slots.fill(empty);
    this.time = null;
    this.timeChanged = false;
  }

  private read(entry: number, i: number): Accumulator {
    const cell = entry * this.width + this.offsets[i]!;
    const value = this.cells[cell]!;
    if (this.pairs[i]) return [value, this.cells[cell + 1]!];
    if (!Number.isNaN(value)) return value;
    return this.strings.get(cell) ?? null;
  }

  private write(entry: number, i: number, accumulator: Accumulator): void {
    const cell = entry * this.width + this.offsets[i]!;
    if (Array.isArray(accumulator)) {
      this.cells[cell] = accumulator[0];
      this.cells[cell + 1] = accumulator[1];
    } else if (typeof accumulator === "number") {
      this.cells[cell] = accumulator;
      if (this.strings.size > 0) this.strings.delete(cell);
    } else {
      this.cells[cell] = Number.NaN;
      if (accumulator === null) this.strings.delete(cell);
      else this.strings.set(cell, accumulator);
    }
  }

  private accumulators(entry: number): Accumulator[] {
    const accumulators = new Array<Accumulator>(this.aggregators.length);
    for (let i = 0; i < this.aggregators.length; i++) accumulators[i] = this.read(entry, i);
    return accumulators;
  }

  private markChanged(entry: number): void {
    if (this.changed[entry]) return;
    this.changed[entry] = 1;
    this.changedList[this.changedCount++] = entry;
  }

  private keyEquals(entry: number, key: string): boolean {
    const length = this.keyLength[entry]!;
    if (length !== key.length) return false;
    const start = this.keyStart[entry]!;
    for (let i = 0; i < length; i++) if (this.chars[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private keyOf(entry: number): string {
    const start = this.keyStart[entry]!;
    const end = start + this.keyLength[entry]!;
    let key = "";
    // In chunks: fromCharCode takes its arguments on the stack.
    for (let from = start; from < end; from += 4096) key += String.fromCharCode(...this.chars.subarray(from, Math.min(end, from + 4096)));
    return key;
  }

  private insert(key: string, hash: number, slot: number): number {
    if (this.count === this.capacity) this.grow();
    if (this.charsUsed + key.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + key.length));
      chars.set(this.chars.subarray(0, this.charsUsed));
      this.chars = chars;
    }
    const entry = this.count++;
    for (let i = 0; i < key.length; i++) this.chars[this.charsUsed + i] = key.charCodeAt(i);
    this.keyStart[entry] = this.charsUsed;
    this.keyLength[entry] = key.length;
    this.charsUsed += key.length;
    this.hashes[entry] = hash;
    for (let i = 0; i < this.aggregators.length; i++) this.write(entry, i, this.aggregators[i]!.initial());
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = entry;
    return entry;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(array: T, size: number): T => {
      const next = new (array.constructor as new (length: number) => T)(size);
      next.set(array);
      return next;
    };
    this.hashes = widen(this.hashes, capacity);
    this.keyStart = widen(this.keyStart, capacity);
    this.keyLength = widen(this.keyLength, capacity);
    this.changed = widen(this.changed, capacity);
    this.changedList = widen(this.changedList, capacity);
    this.cells = widen(this.cells, capacity * this.width);
    this.capacity = capacity;
  }

  /** Doubles the hash table and places every entry again (entries keep their index). */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(empty);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (slots[slot] !== empty) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units, then a final mix so that linear probing spreads sequential keys. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash & 0x7fffffff;
}
