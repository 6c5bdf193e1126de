/**
 * A small seeded pseudo-random generator (mulberry32), so sample data is the
 * same for the same seed: tests can assert on it and a second "Load sample
 * data" with another seed looks different but just as plausible.
 */
export type SeededRandom = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
};

/** A generator seeded with `seed` (any integer). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
      return items.at(-1)![0];
    },
    chance: (p) => next() < p,
  };
}

/** A short id with a prefix, like `ord-4f2a9c`, drawn from the generator. */
export function sampleId(random: SeededRandom, prefix: string): string {
  return `${prefix}-${Math.floor(random.next() * 0xffffff).toString(16).padStart(6, "0")}${random.int(0, 0xfff).toString(16).padStart(3, "0")}`;
}
