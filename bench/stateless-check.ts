// What the stateless workload must write, and a check of what it wrote: the
// benchmark reads an output topic back after a run (bench/run.ts) so a fast
// run that wrote the wrong records does not count.
import { recordKey, type BenchRecord } from "./records";

/** One output value of the stateless pipeline: `{ id, category: UPPER(category), total: amount * 1.21 }`. */
export type StatelessOutput = { id: string; category: string; total: number };

/** The output of the stateless pipeline (filter `amount >= 50`, then the map) for one input record; null if filtered out. */
export function expectedStatelessOutput(record: BenchRecord): StatelessOutput | null {
  const input = JSON.parse(record.value) as { id: string; category: string; amount: number };
  if (!(input.amount >= 50)) return null;
  return { id: input.id, category: input.category.toUpperCase(), total: input.amount * 1.21 };
}

/** How many of the first `total` records the stateless pipeline keeps. */
export function expectedStatelessCount(make: (i: number) => BenchRecord, total: number): number {
  let count = 0;
  for (let i = 0; i < total; i++) if (expectedStatelessOutput(make(i)) !== null) count++;
  return count;
}

/**
 * Compares the decoded output of a stateless run on the first `total`
 * records of `make` with what the pipeline must write: the count, and each
 * value against its input record's (found by the message key, the record id).
 * Returns the problems found (at most `limit` value mismatches are listed).
 */
export function checkStatelessOutput(outputs: { key: string | null; value: unknown }[], make: (i: number) => BenchRecord, total: number, limit = 3): string[] {
  const problems: string[] = [];
  const expected = expectedStatelessCount(make, total);
  if (outputs.length !== expected) problems.push(`expected ${expected.toLocaleString("en")} output records, read ${outputs.length.toLocaleString("en")}`);
  let wrong = 0;
  for (const { key, value } of outputs) {
    const index = key !== null && /^k\d{7}$/.test(key) ? Number(key.slice(1)) : -1;
    const want = index >= 0 && index < total && recordKey(index) === key ? expectedStatelessOutput(make(index)) : null;
    const same = want !== null && typeof value === "object" && value !== null && Object.keys(value).length === 3 && (Object.keys(want) as (keyof StatelessOutput)[]).every((name) => (value as Record<string, unknown>)[name] === want[name]);
    if (!same && wrong++ < limit) problems.push(`key ${key}: wrote ${JSON.stringify(value)}, expected ${JSON.stringify(want)}`);
  }
  if (wrong > limit) problems.push(`… ${wrong - limit} more wrong values`);
  return problems;
}
