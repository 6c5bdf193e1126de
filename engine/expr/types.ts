/**
 * The expression type system, modelled on Flink SQL's logical types. Every
 * type is nullable. At run time all numeric types are JavaScript numbers; the
 * static type decides integer versus decimal semantics (integer division,
 * rounding to a DECIMAL scale, overflow checks).
 *
 * `ANY` is "not known before run time" (JSON input without a declared schema):
 * the checker accepts it wherever some type would do and the compiled code
 * checks the actual value instead.
 */
export type StringType = { kind: "STRING" };
export type BooleanType = { kind: "BOOLEAN" };
/** 32-bit signed integer. */
export type IntType = { kind: "INT" };
/** Integer; Flink's is 64-bit, ours is limited to ±(2^53 − 1), the exactly representable range. */
export type BigintType = { kind: "BIGINT" };
/** Exact decimal in Flink; here an IEEE double rounded to `scale` after every operation. */
export type DecimalType = { kind: "DECIMAL"; precision: number; scale: number };
export type DoubleType = { kind: "DOUBLE" };
export type ArrayType = { kind: "ARRAY"; element: Type };
export type RowField = { name: string; type: Type };
/** A record. An `open` row may hold fields beyond `fields`; they are typed ANY. */
export type RowType = { kind: "ROW"; fields: readonly RowField[]; open: boolean };
/** The type of the NULL literal: assignable to every type. */
export type NullType = { kind: "NULL" };
export type AnyType = { kind: "ANY" };

export type Type =
  | StringType
  | BooleanType
  | IntType
  | BigintType
  | DecimalType
  | DoubleType
  | ArrayType
  | RowType
  | NullType
  | AnyType;

export type TypeKind = Type["kind"];

/** The input of an expression: the fields of the record it is evaluated against. */
export type RecordType = RowType;

export const MAX_DECIMAL_PRECISION = 38;
/** Largest integer a BIGINT can hold here (Flink: 2^63 − 1). */
export const MAX_BIGINT = Number.MAX_SAFE_INTEGER;
export const MAX_INT = 2_147_483_647;
export const MIN_INT = -2_147_483_648;

const STRING: StringType = { kind: "STRING" };
const BOOLEAN: BooleanType = { kind: "BOOLEAN" };
const INT: IntType = { kind: "INT" };
const BIGINT: BigintType = { kind: "BIGINT" };
const DOUBLE: DoubleType = { kind: "DOUBLE" };
const NULL: NullType = { kind: "NULL" };
const ANY: AnyType = { kind: "ANY" };

/** Type constructors. */
export const T = {
  string: STRING,
  boolean: BOOLEAN,
  int: INT,
  bigint: BIGINT,
  double: DOUBLE,
  null: NULL,
  any: ANY,
  /** DECIMAL(p, s); Flink's bare DECIMAL is DECIMAL(10, 0). */
  decimal: (precision = 10, scale = 0): DecimalType => ({ kind: "DECIMAL", precision, scale }),
  array: (element: Type): ArrayType => ({ kind: "ARRAY", element }),
  /** A closed record type from a name → type object (`open: true` allows unknown fields, typed ANY). */
  row: (fields: Readonly<Record<string, Type>>, options: { open?: boolean } = {}): RowType => ({
    kind: "ROW",
    fields: Object.entries(fields).map(([name, type]) => ({ name, type })),
    open: options.open ?? false,
  }),
  /** A record whose fields are all unknown: every field reference is ANY. */
  anyRecord: (): RowType => ({ kind: "ROW", fields: [], open: true }),
} as const;

export function isNumeric(type: Type): boolean {
  return type.kind === "INT" || type.kind === "BIGINT" || type.kind === "DECIMAL" || type.kind === "DOUBLE";
}

export function isInteger(type: Type): boolean {
  return type.kind === "INT" || type.kind === "BIGINT";
}

/** ANY or NULL: a type that fits anywhere at check time. */
export function isLenient(type: Type): boolean {
  return type.kind === "ANY" || type.kind === "NULL";
}

export function isScalar(type: Type): boolean {
  return type.kind !== "ARRAY" && type.kind !== "ROW";
}

/** The field of a row type, or undefined. Own names only, so `constructor` is just a name. */
export function rowField(row: RowType, name: string): RowField | undefined {
  for (const field of row.fields) if (field.name === name) return field;
  return undefined;
}

/** Precision and scale of an exact numeric type seen as a DECIMAL (INT = DECIMAL(10,0), BIGINT = DECIMAL(19,0)). */
export function asDecimal(type: Type): { precision: number; scale: number } {
  if (type.kind === "DECIMAL") return { precision: type.precision, scale: type.scale };
  if (type.kind === "INT") return { precision: 10, scale: 0 };
  return { precision: 19, scale: 0 };
}

/** Flink's bound for a derived DECIMAL: cap precision at 38, keeping at least `minScale` digits of scale. */
export function boundedDecimal(precision: number, scale: number, minScale = 0): DecimalType {
  if (precision <= MAX_DECIMAL_PRECISION) return T.decimal(Math.max(precision, 1), scale);
  const integral = precision - scale;
  const kept = Math.max(Math.min(scale, minScale), MAX_DECIMAL_PRECISION - integral);
  return T.decimal(MAX_DECIMAL_PRECISION, Math.max(0, Math.min(kept, MAX_DECIMAL_PRECISION)));
}

/**
 * The least type both values fit in (for CASE branches, COALESCE, IN lists,
 * ARRAY[…] elements), or undefined if there is none. NULL yields to the other
 * side and ANY absorbs everything.
 */
export function commonType(a: Type, b: Type): Type | undefined {
  if (a.kind === "NULL") return b;
  if (b.kind === "NULL") return a;
  if (a.kind === "ANY" || b.kind === "ANY") return ANY;
  if (isNumeric(a) && isNumeric(b)) {
    if (a.kind === "DOUBLE" || b.kind === "DOUBLE") return DOUBLE;
    if (a.kind === "DECIMAL" || b.kind === "DECIMAL") {
      const x = asDecimal(a);
      const y = asDecimal(b);
      const scale = Math.max(x.scale, y.scale);
      return boundedDecimal(Math.max(x.precision - x.scale, y.precision - y.scale) + scale, scale);
    }
    return a.kind === "BIGINT" || b.kind === "BIGINT" ? BIGINT : INT;
  }
  if (a.kind === "ARRAY" && b.kind === "ARRAY") {
    const element = commonType(a.element, b.element);
    return element ? T.array(element) : undefined;
  }
  if (a.kind === "ROW" && b.kind === "ROW") return sameType(a, b) ? a : undefined;
  return a.kind === b.kind ? a : undefined;
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "DECIMAL" && b.kind === "DECIMAL") return a.precision === b.precision && a.scale === b.scale;
  if (a.kind === "ARRAY" && b.kind === "ARRAY") return sameType(a.element, b.element);
  if (a.kind === "ROW" && b.kind === "ROW") {
    return (
      a.open === b.open &&
      a.fields.length === b.fields.length &&
      a.fields.every((field, i) => field.name === b.fields[i]?.name && sameType(field.type, b.fields[i]!.type))
    );
  }
  return true;
}

/**
 * Whether a value of type `actual` is acceptable where `expected` is required
 * (used for `expect`): ANY and NULL fit anywhere, numbers widen to any numeric
 * type, arrays and rows by element/field.
 */
export function isAssignable(actual: Type, expected: Type): boolean {
  if (expected.kind === "ANY" || isLenient(actual)) return true;
  if (isNumeric(expected) && isNumeric(actual)) return true;
  if (expected.kind === "ARRAY") return actual.kind === "ARRAY" && isAssignable(actual.element, expected.element);
  if (expected.kind === "ROW") {
    if (actual.kind !== "ROW") return false;
    return expected.fields.every((field) => {
      const found = rowField(actual, field.name);
      return found ? isAssignable(found.type, field.type) : actual.open;
    });
  }
  return actual.kind === expected.kind;
}

/** Flink SQL spelling of a type: `DECIMAL(10, 2)`, `ARRAY<STRING>`, ``ROW<`a` INT>``. */
export function formatType(type: Type): string {
  switch (type.kind) {
    case "DECIMAL":
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case "ARRAY":
      return `ARRAY<${formatType(type.element)}>`;
    case "ROW": {
      const fields = type.fields.map((field) => `${quoteIdentifier(field.name)} ${formatType(field.type)}`);
      if (type.open) fields.push("…");
      return `ROW<${fields.join(", ")}>`;
    }
    default:
      return type.kind;
  }
}

/** Backquotes an identifier unless it is a plain one (letters, digits, `_`, not starting with a digit). */
export function quoteIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replaceAll("`", "``")}\``;
}

/**
 * The type of a sample JSON value, for building an input type from example
 * records: integral numbers are BIGINT, other numbers DOUBLE, objects closed
 * rows, empty arrays ARRAY<ANY>, null NULL.
 */
export function typeOfValue(value: unknown, depth = 0): Type {
  if (value === null || value === undefined) return NULL;
  if (depth > 32) return ANY;
  switch (typeof value) {
    case "string":
      return STRING;
    case "boolean":
      return BOOLEAN;
    case "number":
      return Number.isSafeInteger(value) ? BIGINT : DOUBLE;
    case "object": {
      if (Array.isArray(value)) {
        let element: Type = NULL;
        for (const item of value) element = commonType(element, typeOfValue(item, depth + 1)) ?? ANY;
        return T.array(element.kind === "NULL" ? ANY : element);
      }
      const fields: RowField[] = [];
      for (const name of Object.keys(value)) {
        fields.push({ name, type: typeOfValue((value as Record<string, unknown>)[name], depth + 1) });
      }
      return { kind: "ROW", fields, open: false };
    }
    default:
      return ANY;
  }
}
