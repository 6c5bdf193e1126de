/** One change to operator state, as written to the node's changelog topic (null value = deleted). */
export type StateChange = { key: string; value: string | null };

/**
 * What the runner needs of an operator's state: the changes to commit with the
 * output, restoring from the changelog, and its size for the metrics.
 */
export type OperatorState = {
  readonly size: number;
  readonly approximateBytes: number;
  /** The changes since the last call, serialised, and forgets them. */
  takeChanges(): StateChange[];
  /** Forgets the changes since the last `takeChanges`. */
  discardChanges(): void;
  /** Applies a changelog entry while restoring; does not count as a new change. */
  restore(change: StateChange): void;
};

/**
 * Operator state: string keys to JSON-serialisable values, held in memory and
 * backed by a compacted changelog topic. Every write is remembered until the
 * runner takes the changes to write them in the same transaction as the
 * output and offsets, so state and output commit or abort together.
 */
export class StateStore<V = unknown> implements OperatorState {
  private readonly entries = new Map<string, V>();
  private pending = new Map<string, V | null>();
  private bytes = 0;

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  put(key: string, value: V): void {
    this.entries.set(key, value);
    this.pending.set(key, value);
  }

  delete(key: string): void {
    if (!this.entries.delete(key)) return;
    this.pending.set(key, null);
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Approximate bytes of the state as last serialised (for metrics). */
  get approximateBytes(): number {
    return this.bytes;
  }

  /** The changes since the last call, serialised, and forgets them. */
  takeChanges(): StateChange[] {
    const changes: StateChange[] = [];
    for (const [key, value] of this.pending) {
      const serialised = value === null ? null : JSON.stringify(value);
      this.bytes += (serialised?.length ?? 0) + key.length;
      changes.push({ key, value: serialised });
    }
    this.pending = new Map();
    return changes;
  }

  /** Drops changes that were not committed, restoring nothing: the runner rebuilds state from the changelog after an abort. */
  discardChanges(): void {
    this.pending = new Map();
  }

  /** Applies a changelog entry while restoring; does not count as a new change. */
  restore(change: StateChange): void {
    if (change.value === null) this.entries.delete(change.key);
    else this.entries.set(change.key, (JSON.parse(change.value) as V));
  }

  clear(): void {
    this.entries.clear();
    this.pending = new Map();
  }
}
