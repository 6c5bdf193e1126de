// The micro-benchmarks' shared measure: how often an async operation completes
// per second over one round, and the median of the rounds.

/** Runs `operation` back to back for `roundMs` and answers how many completed per second. */
export async function opsPerSecond(operation: () => Promise<unknown>, roundMs: number): Promise<number> {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while ((elapsed = performance.now() - started) < roundMs) {
    await operation();
    count++;
  }
  return (count * 1000) / elapsed;
}

/** The middle value (the upper middle of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
