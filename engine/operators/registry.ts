import type { z } from "zod";
import { deduplicate } from "./deduplicate";
import { filter } from "./filter";
import { flatMap } from "./flat-map";
import { join } from "./join";
import { kafkaSink } from "./kafka-sink";
import { kafkaSource } from "./kafka-source";
import { map } from "./map";
import type { OperatorCategory, OperatorModule } from "./operator-module";
import { reduce } from "./reduce";
import { route } from "./route";
import { union } from "./union";

/**
 * Every operator, in palette order: adding one is its folder and one line
 * here. Each entry must be a complete OperatorModule (description, schema,
 * type inference, embedded implementation, Flink lowering), or this does not
 * compile.
 */
const modules = [kafkaSource, filter, map, flatMap, union, route, reduce, join, deduplicate, kafkaSink] as const satisfies readonly OperatorModule<any, string>[];

type AnyModule = (typeof modules)[number];

/** The type names a document's nodes may have. */
export type NodeTypeName = AnyModule["type"];

/** The (validated) `data` of a node of type K. */
export type DataOf<K extends NodeTypeName> = z.output<Extract<AnyModule, { type: K }>["schema"]>;

/** A node whose data has been validated against its type: `type` narrows `data`. It runs as configured (`disabled` is never true). */
export type TypedNode<K extends NodeTypeName = NodeTypeName> = {
  [P in K]: { id: string; type: P; position: { x: number; y: number }; data: DataOf<P>; disabled?: false };
}[K];

/** The registry: type name → operator module. */
export const operators = Object.fromEntries(modules.map((module) => [module.type, module])) as unknown as {
  readonly [K in NodeTypeName]: OperatorModule<DataOf<K>, K>;
};

/** Every type name, in palette order. */
export const nodeTypeNames = modules.map((module) => module.type) as [NodeTypeName, ...NodeTypeName[]];


/**
 * The module of a type. For a validated node, `operatorOf(node.type)` accepts
 * `node.data` as it is: the registry pairs each type with its data.
 */
export function operatorOf<K extends NodeTypeName>(type: K): OperatorModule<DataOf<K>, K> {
  return operators[type];
}

/** Looks up a type name that may be unknown (unvalidated input); `undefined` when it is. */
export function findOperator(type: string): OperatorModule<unknown, NodeTypeName> | undefined {
  return Object.hasOwn(operators, type) ? (operators[type as NodeTypeName] as unknown as OperatorModule<unknown, NodeTypeName>) : undefined;
}

/** Every operator module, in palette order. */
export const operatorList: readonly OperatorModule<unknown, NodeTypeName>[] = nodeTypeNames.map((type) => findOperator(type)!);

/** The palette's group names, in palette order. */
export const categoryLabels: Record<OperatorCategory, string> = {
  source: "Sources",
  transform: "Transform",
  aggregate: "Aggregate & join",
  sink: "Sinks",
};

/** The category of a type name (unknown types count as transforms: they are reported by validation). */
export function categoryOf(type: string): OperatorCategory {
  return findOperator(type)?.category ?? "transform";
}
