import type { Expr } from "../expr";
import { children } from "../expr";
import { lookupFunction, type ParamKind } from "../expr/functions";
import { T, type Type } from "../expr/types";

/**
 * A JSON source has no declared schema, but Flink SQL needs a type for every
 * column. These hints say what type each field reference is used as, from
 * where it appears: an argument of CHAR_LENGTH is a STRING, an operand of `+`
 * a number, an operand of AND a BOOLEAN, the other side of `x = 'a'` a
 * STRING; the operand of a CAST says nothing (its text is cast). The compiler declares a JSON field with the type its uses agree on
 * (STRING when nothing says otherwise; numbers as DOUBLE, which holds both
 * integers and fractions, as JavaScript numbers do in the embedded engine).
 */
export type FieldHint = "STRING" | "NUMBER" | "BOOLEAN" | "ARRAY";

/** Adds `path → hint` pairs for the field references of an expression; `expected` is what its node needs. */
export function collectFieldHints(ast: Expr, typeOf: (node: Expr) => Type, expected: FieldHint | null, add: (path: string[], hint: FieldHint) => void): void {
  const visit = (node: Expr, want: FieldHint | null): void => {
    if (node.kind === "field") {
      if (want) add(node.path, want);
      return;
    }
    const known = (other: Expr): FieldHint | null => hintOfType(typeOf(other));
    switch (node.kind) {
      case "unary":
        return visit(node.operand, node.op === "NOT" ? "BOOLEAN" : "NUMBER");
      case "binary":
        if (node.op === "||") return (visit(node.left, "STRING"), visit(node.right, "STRING"));
        if (["+", "-", "*", "/", "%"].includes(node.op)) return (visit(node.left, "NUMBER"), visit(node.right, "NUMBER"));
        visit(node.left, known(node.right));
        return visit(node.right, known(node.left));
      case "logical":
        return node.operands.forEach((operand) => visit(operand, "BOOLEAN"));
      case "is":
        return visit(node.operand, node.test === "NULL" ? null : "BOOLEAN");
      case "distinct":
        visit(node.left, known(node.right));
        return visit(node.right, known(node.left));
      case "in": {
        const listHint = node.list.map(known).find((hint) => hint !== null) ?? null;
        visit(node.operand, listHint);
        return node.list.forEach((item) => visit(item, known(node.operand)));
      }
      case "between": {
        const bound = known(node.low) ?? known(node.high);
        visit(node.operand, bound);
        visit(node.low, known(node.operand));
        return visit(node.high, known(node.operand));
      }
      case "like":
        visit(node.operand, "STRING");
        visit(node.pattern, "STRING");
        if (node.escape) visit(node.escape, "STRING");
        return;
      case "case": {
        const results = [...node.branches.map((branch) => branch.then), ...(node.otherwise ? [node.otherwise] : [])];
        const resultHint = results.map(known).find((hint) => hint !== null) ?? want;
        for (const branch of node.branches) {
          visit(branch.when, node.subject ? known(node.subject) : "BOOLEAN");
          visit(branch.then, resultHint);
        }
        if (node.subject) visit(node.subject, node.branches.map((branch) => known(branch.when)).find((hint) => hint !== null) ?? null);
        if (node.otherwise) visit(node.otherwise, resultHint);
        return;
      }
      case "cast":
        // CAST(x AS …) converts whatever x holds: read a field cast here as its text (unless another use types it), so
        // a number and numeric text convert as on the embedded engine, and bad text is dead-lettered (D3004), not NULL.
        return visit(node.operand, null);
      case "call": {
        const def = lookupFunction(node.name);
        node.args.forEach((arg, i) => {
          const kind: ParamKind | undefined = def ? (def.signature.params[i] ?? def.signature.variadic) : undefined;
          visit(arg, kind ? hintOfParam(kind) ?? (["COALESCE", "IFNULL", "NULLIF", "GREATEST", "LEAST"].includes(node.name) ? want : null) : null);
        });
        return;
      }
      default:
        for (const child of children(node)) visit(child, null);
    }
  };
  visit(ast, expected);
}

function hintOfParam(kind: ParamKind): FieldHint | null {
  switch (kind) {
    case "STRING":
      return "STRING";
    case "NUMERIC":
    case "INTEGER":
      return "NUMBER";
    case "BOOLEAN":
      return "BOOLEAN";
    case "ARRAY":
      return "ARRAY";
    default:
      return null;
  }
}

function hintOfType(type: Type): FieldHint | null {
  switch (type.kind) {
    case "STRING":
      return "STRING";
    case "BOOLEAN":
      return "BOOLEAN";
    case "INT":
    case "BIGINT":
    case "DECIMAL":
    case "DOUBLE":
      return "NUMBER";
    case "ARRAY":
      return "ARRAY";
    default:
      return null;
  }
}

/** The Flink column type for a JSON field from its hints. */
export function typeForHints(hints: ReadonlySet<FieldHint> | undefined): Type {
  if (!hints || hints.size === 0) return T.string;
  if (hints.has("NUMBER")) return T.double;
  if (hints.has("BOOLEAN")) return T.boolean;
  if (hints.has("ARRAY")) return T.array(T.string);
  return T.string;
}
