import type { ExpressionSpanLookup, FieldErrorLookup } from "./field-problems";

/** What every per-type form receives: the node's data, its field errors and a way to change it. */
export type NodeFormProps = {
  nodeId: string;
  data: Record<string, unknown>;
  errors: FieldErrorLookup;
  /** Where the expression checker found problems inside an expression field, to underline them. */
  errorSpans: ExpressionSpanLookup;
  /**
   * Sets a top-level key of the node's data; `undefined` removes it. `field` is the path
   * actually edited (`fields.0.name`), which keeps undo steps per field.
   */
  onChange: (key: string, value: unknown, field?: string) => void;
};
