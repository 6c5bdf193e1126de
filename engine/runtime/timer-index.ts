/**
 * Keys scheduled at event times, popped in time order once stream time has
 * passed them. Windows and join buffers use it to find what to close or
 * expire without scanning all their state.
 */
export class TimerIndex {
  private readonly timeOfKey = new Map<string, number>();
  private readonly keysAtTime = new Map<number, Set<string>>();
  /** Distinct times, ascending. */
  private readonly times: number[] = [];

  schedule(key: string, time: number): void {
    const previous = this.timeOfKey.get(key);
    if (previous === time) return;
    if (previous !== undefined) this.remove(key, previous);
    this.timeOfKey.set(key, time);
    let keys = this.keysAtTime.get(time);
    if (!keys) {
      keys = new Set();
      this.keysAtTime.set(time, keys);
      this.times.splice(lowerBound(this.times, time), 0, time);
    }
    keys.add(key);
  }

  cancel(key: string): void {
    const time = this.timeOfKey.get(key);
    if (time !== undefined) this.remove(key, time);
  }

  /** Removes and returns the keys scheduled at or before `time`, earliest first. */
  popDue(time: number): { key: string; time: number }[] {
    const due: { key: string; time: number }[] = [];
    while (this.times.length > 0 && this.times[0]! <= time) {
      const at = this.times.shift()!;
      for (const key of this.keysAtTime.get(at)!) {
        this.timeOfKey.delete(key);
        due.push({ key, time: at });
      }
      this.keysAtTime.delete(at);
    }
    return due;
  }

  get size(): number {
    return this.timeOfKey.size;
  }

  clear(): void {
    this.timeOfKey.clear();
    this.keysAtTime.clear();
    this.times.length = 0;
  }

  private remove(key: string, time: number): void {
    this.timeOfKey.delete(key);
    const keys = this.keysAtTime.get(time)!;
    keys.delete(key);
    if (keys.size === 0) {
      this.keysAtTime.delete(time);
      this.times.splice(lowerBound(this.times, time), 1);
    }
  }
}

function lowerBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
