import type { Aggregation } from "./description";
import { fieldReader } from "../../runtime/read-field";

/**
 * The running state of one aggregate: a count, a sum, a min or max, or
 * sum-and-count for an average. Kept small and JSON-serialisable because it is
 * written to the changelog on every update.
 */
export type Accumulator = number | string | null | [number, number];

/** What `Aggregator.read` returns for an input of the wrong type. */
export class AggregateInputError {
  constructor(readonly message: string) {}
}

export type Aggregator = {
  as: string;
  initial: () => Accumulator;
  /** Reads this aggregate's input from a record: a value, `undefined` to skip (NULL), or an AggregateInputError. */
  read: (fields: Record<string, unknown>) => unknown;
  /** The accumulator with the value added; an average's pair is updated in place. */
  add: (accumulator: Accumulator, value: unknown) => Accumulator;
  merge: (a: Accumulator, b: Accumulator) => Accumulator;
  result: (accumulator: Accumulator) => unknown;
};

/** Builds the aggregators of a reduce node. SQL semantics: NULL inputs are ignored; an empty sum/min/max/avg is NULL. */
export function createAggregators(aggregations: Aggregation[]): Aggregator[] {
  return aggregations.map((aggregation) => {
    const read = aggregation.field ? fieldReader(aggregation.field) : () => null;
    const numeric = (fields: Record<string, unknown>) => {
      const value = read(fields);
      if (value === null || value === undefined) return undefined;
      if (typeof value === "number" && Number.isFinite(value)) return value;
      return new AggregateInputError(`${aggregation.fn}(${aggregation.field}) needs a number, got ${describe(value)}`);
    };
    const comparable = (fields: Record<string, unknown>) => {
      const value = read(fields);
      if (value === null || value === undefined) return undefined;
      if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "string") return value;
      return new AggregateInputError(`${aggregation.fn}(${aggregation.field}) needs a number or a string, got ${describe(value)}`);
    };
    switch (aggregation.fn) {
      case "count":
        return {
          as: aggregation.as,
          initial: () => 0,
          // count(field) counts non-null values; count without a field counts records.
          read: aggregation.field ? (fields) => read(fields) ?? undefined : () => 1,
          add: (acc) => (acc as number) + 1,
          merge: (a, b) => (a as number) + (b as number),
          result: (acc) => acc,
        };
      case "sum":
        return {
          as: aggregation.as,
          initial: () => null,
          read: numeric,
          add: (acc, value) => ((acc as number | null) ?? 0) + (value as number),
          merge: (a, b) => (a === null ? b : b === null ? a : (a as number) + (b as number)),
          result: (acc) => acc,
        };
      case "avg":
        return {
          as: aggregation.as,
          initial: () => [0, 0],
          read: numeric,
          add: (acc, value) => {
            const pair = acc as [number, number];
            pair[0] += value as number;
            pair[1] += 1;
            return pair;
          },
          merge: (a, b) => [(a as [number, number])[0] + (b as [number, number])[0], (a as [number, number])[1] + (b as [number, number])[1]],
          result: (acc) => ((acc as [number, number])[1] === 0 ? null : (acc as [number, number])[0] / (acc as [number, number])[1]),
        };
      case "min":
      case "max": {
        const better = aggregation.fn === "min" ? (a: number | string, b: number | string) => (b < a ? b : a) : (a: number | string, b: number | string) => (b > a ? b : a);
        return {
          as: aggregation.as,
          initial: () => null,
          read: comparable,
          add: (acc, value) => (acc === null ? (value as number | string) : better(acc as number | string, value as number | string)),
          merge: (a, b) => (a === null ? b : b === null ? a : better(a as number | string, b as number | string)),
          result: (acc) => acc,
        };
      }
    }
  });
}

/**
 * Reads every aggregate's input of a record first, so a record that fails one
 * aggregate changes none of them. Fills `values` (reused across records) and
 * returns null, or returns the first error's message.
 */
export function readAggregateInputs(aggregators: Aggregator[], fields: Record<string, unknown>, values: unknown[]): string | null {
  for (let i = 0; i < aggregators.length; i++) {
    const value = aggregators[i]!.read(fields);
    if (value instanceof AggregateInputError) return value.message;
    values[i] = value;
  }
  return null;
}

/** Adds one record's inputs to the accumulators, in place, skipping NULLs. */
export function accumulate(aggregators: Aggregator[], accumulators: Accumulator[], values: unknown[]): Accumulator[] {
  for (let i = 0; i < aggregators.length; i++) {
    if (values[i] !== undefined) accumulators[i] = aggregators[i]!.add(accumulators[i]!, values[i]);
  }
  return accumulators;
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : String(value);
}
