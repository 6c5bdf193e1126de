import type { OperatorState } from "./state-store";
import type { DeadLetter } from "./dead-letter";
import type { StreamRecord } from "./stream-record";

/** Passes a record on; `output` names the output it leaves by, for an operator with named outputs (a route). */
export type Emit = (record: StreamRecord, output?: string) => void;

/** What an operator may do besides emitting: hand a failed record to the dead-letter topic. */
export type OperatorContext = { deadLetter: (letter: DeadLetter) => void };

/** The input an operator receives a batch on: `in` for single-input nodes, else the port's handle (the sides of a join). */
export type InputPortName = string;

/**
 * A stateless operator is a function per record. Consecutive stateless
 * operators are fused into one function, so a batch flows through them in a
 * single loop with no intermediate arrays or promises.
 */
export type StatelessOperator = {
  kind: "stateless";
  nodeId: string;
  apply: (record: StreamRecord, emit: Emit, context: OperatorContext) => void;
};

/**
 * A stateful operator processes whole batches against its state store, whose
 * changes the runner commits together with the output and the offsets.
 */
export type StatefulOperator = {
  kind: "stateful";
  nodeId: string;
  state: OperatorState;
  process: (batch: StreamRecord[], port: InputPortName, emit: Emit, context: OperatorContext) => void;
  /**
   * Called when the runner starts a commit, before it takes the state
   * changes: emits what the operator held back for this commit (a reduce
   * with `emit: "commit"` writes each changed key's latest value once). The
   * output joins the same transaction as the state it reflects.
   */
  flush?: (emit: Emit, context: OperatorContext) => void;
  /** Called after state was restored from the changelog, before any record is processed. */
  restored?: () => void;
  /**
   * Event-time operators (windows, joins): the watermark they last advanced
   * to, restored from their changelog; -Infinity before the first.
   */
  watermark?: () => number;
  /**
   * Event-time operators: the watermark of their inputs (the minimum over
   * every input's sources' partitions, see watermark-tracker.ts) has reached
   * `watermark`, so no record older than it is expected any more: close the
   * windows it passed and expire buffered records. Records that arrive behind
   * it later are late. Called only with a larger watermark than the last.
   */
  advanceWatermark?: (watermark: number, emit: Emit, context: OperatorContext) => void;
};

export type Operator = StatelessOperator | StatefulOperator;
