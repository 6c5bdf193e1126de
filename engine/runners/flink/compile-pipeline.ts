import { checkExpression, fieldsReferenced, formatType, T, type RecordType, type RowField, type Type } from "../../expr";
import { compileFlinkSqlTree, flinkIdentifier as q, flinkString } from "../../expr/compile-flink-sql";
import { topologicalOrder, validatePipeline, type PipelineDocument, type PipelineNode, type PipelineProblem } from "../../graph";
import type { FilterData } from "../../operators/filter/description";
import type { FlatMapData } from "../../operators/flat-map/description";
import type { JoinData } from "../../operators/join/description";
import type { KafkaSinkData } from "../../operators/kafka-sink/description";
import type { KafkaSourceData } from "../../operators/kafka-source/description";
import type { MapData } from "../../operators/map/description";
import type { ReduceData } from "../../operators/reduce/description";
import { collectFieldHints, typeForHints, type FieldHint } from "./field-hints";

/**
 * Compiles a pipeline document to Flink SQL: one Kafka table per source and
 * sink, one view per operator, and one INSERT (a statement set when there are
 * several sinks) that becomes the Flink job. The result is meant to behave as
 * the embedded engine does on the same input:
 *
 * - Event time is the Kafka record timestamp (the `timestamp` metadata
 *   column, `__ts`), with a watermark held back by the largest allowed
 *   lateness downstream, so a window closes when the largest timestamp seen
 *   passes its end plus the lateness, as on the embedded engine.
 * - A reduce without a window updates its result per input record; its sink
 *   is `upsert-kafka` keyed by the group-by fields, so the latest record per
 *   key is the result. A windowed reduce uses Flink's window table functions
 *   and writes `window_start` / `window_end` as epoch milliseconds.
 * - A join is an interval join (`within` ms either way).
 * - A JSON source declares the fields the pipeline reads, typed by how they
 *   are used (see field-hints.ts).
 *
 * What cannot be compiled faithfully is rejected with a problem on the node
 * that causes it, in the shape validation uses, before anything is deployed.
 */

export type FlinkCompileOptions = {
  /** Kafka bootstrap servers as Flink's TaskManagers reach them. */
  bootstrapServers: string;
  /** Consumer group of the job's Kafka sources. */
  groupId: string;
  /** The Flink job name (`pipeline.name`). */
  jobName: string;
  /** Resume from this savepoint (`execution.savepoint.path`). */
  savepointPath?: string;
};

/** One Kafka table of the job and the canvas node it stands for. */
export type FlinkTable = { nodeId: string; table: string; topic: string; role: "source" | "sink"; connector: "kafka" | "upsert-kafka" };

export type FlinkPlan = {
  /** SET statements, in order. */
  settings: string[];
  /** CREATE TEMPORARY TABLE / VIEW statements, in order. */
  definitions: string[];
  /** The statement that starts the job: one INSERT or an EXECUTE STATEMENT SET. */
  insert: string;
  tables: FlinkTable[];
  /** Canvas node id → the view or table that holds its output, for mapping Flink operators back to nodes. */
  relations: Record<string, string>;
};

export type FlinkCompileResult = { ok: true; plan: FlinkPlan } | { ok: false; problems: PipelineProblem[] };

/** The statements of a plan, in the order they must run, each without a trailing semicolon. */
export function planStatements(plan: FlinkPlan): string[] {
  return [...plan.settings, ...plan.definitions, plan.insert];
}

/** The plan as one SQL script (for display, goldens and `sql-client -f`). */
export function planScript(plan: FlinkPlan): string {
  return `${planStatements(plan).join(";\n\n")};\n`;
}

/** The time attribute column every append-only relation carries. */
const TS = "__ts";

/** What flows out of a node, as a Flink relation. */
type Relation = {
  name: string;
  columns: RowField[];
  /** True when the relation carries the `__ts` event-time attribute (append-only, watermarked). */
  timed: boolean;
  /** Set when the relation is an updating result: the columns that key the updates. */
  upsertKey: string[] | null;
  /** JSON sources whose undeclared fields the embedded engine would carry through to here. */
  openFrom: Set<string>;
};

class CompileError extends Error {
  constructor(readonly problem: PipelineProblem) {
    super(problem.message);
  }
}

/**
 * Compiles a pipeline document to a Flink SQL plan, or returns the problems
 * that prevent it (validation problems first, then what Flink cannot run).
 */
export function compilePipelineToFlinkSql(input: unknown, options: FlinkCompileOptions): FlinkCompileResult {
  const validation = validatePipeline(input);
  if (!validation.ok) return { ok: false, problems: validation.problems };
  const document = validation.document;
  const problems: PipelineProblem[] = [];
  const compiler = new PipelineCompiler(document, options);
  for (const id of topologicalOrder(document.nodes.map((node) => node.id), document.edges)) {
    try {
      compiler.compileNode(compiler.node(id));
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      problems.push(error.problem);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, plan: compiler.plan() };
}

function flinkProblem(node: PipelineNode, message: string, field?: string, expression?: PipelineProblem["expression"]): CompileError {
  const where = field ? { nodeId: node.id, field } : { nodeId: node.id };
  return new CompileError({ code: expression ? "node.expression" : "node.config", message: `Flink: ${message}`, ...where, structural: false, ...(expression ? { expression } : {}) });
}

/** A tree of the fields read from a JSON source, with the hints of each leaf. */
type FieldTree = Map<string, { hints: Set<FieldHint>; children: FieldTree }>;

class PipelineCompiler {
  private readonly nodes: Map<string, PipelineNode>;
  private readonly relations = new Map<string, Relation>();
  private readonly definitions: string[] = [];
  private readonly inserts: string[] = [];
  private readonly tables: FlinkTable[] = [];
  /** Per JSON source: the fields read downstream. */
  private readonly sourceFields = new Map<string, FieldTree>();
  /** Per source: the watermark delay (the largest allowed lateness of an event-time operator downstream). */
  private readonly watermarkDelay = new Map<string, number>();

  constructor(
    private readonly document: PipelineDocument,
    private readonly options: FlinkCompileOptions,
  ) {
    this.nodes = new Map(document.nodes.map((node) => [node.id, node]));
    this.analyseSources();
  }

  node(id: string): PipelineNode {
    return this.nodes.get(id)!;
  }

  plan(): FlinkPlan {
    const settings = [
      `SET 'pipeline.name' = ${flinkString(this.options.jobName)}`,
      // Window bounds are computed in UTC, so they are epoch-aligned as on the embedded engine.
      `SET 'table.local-time-zone' = 'UTC'`,
      // A source partition without records must not hold the watermark (and every window) back.
      `SET 'table.exec.source.idle-timeout' = '5 s'`,
    ];
    if (this.options.savepointPath) settings.push(`SET 'execution.savepoint.path' = ${flinkString(this.options.savepointPath)}`);
    const insert = this.inserts.length === 1 ? this.inserts[0]! : `EXECUTE STATEMENT SET\nBEGIN\n${this.inserts.map((s) => `${s};`).join("\n")}\nEND`;
    return {
      settings,
      definitions: [...this.definitions],
      insert,
      tables: [...this.tables],
      relations: Object.fromEntries([...this.relations].map(([id, relation]) => [id, relation.name])),
    };
  }

  private inputs(id: string, handle: "left" | "right" | null = null): Relation[] {
    return this.document.edges
      .filter((edge) => edge.target === id && (edge.targetHandle ?? null) === handle)
      .map((edge) => this.relations.get(edge.source))
      .filter((relation): relation is Relation => relation !== undefined);
  }

  // -------------------------------------------------------------------------------------------
  // Pass 1: which fields of each JSON source are read, and how; watermark delays
  // -------------------------------------------------------------------------------------------

  private analyseSources() {
    /** Per node: the JSON sources whose fields reach its output under their own names, and the names added on the way. */
    const reach = new Map<string, { sources: Set<string>; known: Set<string>; upstream: Set<string> }>();
    const order = topologicalOrder(this.document.nodes.map((node) => node.id), this.document.edges);
    const inputOf = (id: string, handle: "left" | "right" | null = null) =>
      this.document.edges.filter((e) => e.target === id && (e.targetHandle ?? null) === handle).map((e) => reach.get(e.source)!).filter(Boolean);
    const empty = () => ({ sources: new Set<string>(), known: new Set<string>(), upstream: new Set<string>() });

    for (const id of order) {
      const node = this.node(id);
      const record = (into: { sources: Set<string>; known: Set<string> }, path: string[], hint: FieldHint | null) => {
        if (into.known.has(path[0]!)) return;
        for (const source of into.sources) this.addField(source, path, hint);
      };
      const readExpression = (into: { sources: Set<string>; known: Set<string> }, text: string, expected: FieldHint | null) => {
        const checked = checkExpression(text);
        if (!checked.ok) return;
        for (const path of fieldsReferenced(checked.ast)) record(into, path, null);
        collectFieldHints(checked.ast, checked.typeOf, expected, (path, hint) => record(into, path, hint));
      };
      const single = inputOf(id)[0] ?? empty();
      switch (node.type) {
        case "kafka-source": {
          const data = node.data as KafkaSourceData;
          if (data.format === "json") this.sourceFields.set(id, new Map());
          reach.set(id, { sources: new Set(data.format === "json" ? [id] : []), known: new Set(data.format === "json" ? [] : ["text"]), upstream: new Set([id]) });
          break;
        }
        case "filter":
          readExpression(single, (node.data as FilterData).condition, "BOOLEAN");
          reach.set(id, single);
          break;
        case "map":
          for (const field of (node.data as MapData).fields) readExpression(single, field.expression, null);
          reach.set(id, { sources: new Set(), known: new Set((node.data as MapData).fields.map((f) => f.name)), upstream: single.upstream });
          break;
        case "flat-map": {
          const data = node.data as FlatMapData;
          readExpression(single, data.expression, "ARRAY");
          reach.set(id, { sources: single.sources, known: new Set([...single.known, data.as]), upstream: single.upstream });
          break;
        }
        case "reduce": {
          const data = node.data as ReduceData;
          for (const path of data.groupBy) record(single, path.split("."), null);
          for (const aggregation of data.aggregations) {
            if (aggregation.field) record(single, aggregation.field.split("."), aggregation.fn === "sum" || aggregation.fn === "avg" ? "NUMBER" : null);
          }
          if (data.window) for (const source of single.upstream) this.delay(source, data.allowedLateness ?? 0);
          const names = [...data.groupBy.map((p) => p.split(".").at(-1)!), ...data.aggregations.map((a) => a.as), ...(data.window ? ["window_start", "window_end"] : [])];
          reach.set(id, { sources: new Set(), known: new Set(names), upstream: single.upstream });
          break;
        }
        case "join": {
          const data = node.data as JoinData;
          const left = inputOf(id, "left")[0] ?? empty();
          const right = inputOf(id, "right")[0] ?? empty();
          record(left, data.leftKey.split("."), null);
          record(right, data.rightKey.split("."), null);
          for (const source of [...left.upstream, ...right.upstream]) this.delay(source, data.allowedLateness ?? 0);
          const known = new Set([...left.known, ...right.known, ...[...right.known].map((n) => `right_${n}`)]);
          reach.set(id, { sources: new Set([...left.sources, ...right.sources]), known, upstream: new Set([...left.upstream, ...right.upstream]) });
          break;
        }
        case "kafka-sink": {
          const key = (node.data as KafkaSinkData).key;
          if (key) record(single, key.split("."), null);
          reach.set(id, single);
          break;
        }
      }
    }
  }

  private delay(source: string, lateness: number) {
    this.watermarkDelay.set(source, Math.max(this.watermarkDelay.get(source) ?? 0, lateness));
  }

  private addField(source: string, path: string[], hint: FieldHint | null) {
    let tree: FieldTree | undefined = this.sourceFields.get(source);
    if (!tree) return;
    for (let i = 0; i < path.length; i++) {
      let entry: { hints: Set<FieldHint>; children: FieldTree } | undefined = tree.get(path[i]!);
      if (!entry) tree.set(path[i]!, (entry = { hints: new Set<FieldHint>(), children: new Map() }));
      if (i === path.length - 1 && hint) entry.hints.add(hint);
      tree = entry.children;
    }
  }

  private sourceColumns(source: string): RowField[] {
    const toFields = (tree: FieldTree): RowField[] =>
      [...tree].map(([name, entry]) => ({
        name,
        type: entry.children.size > 0 ? ({ kind: "ROW", fields: toFields(entry.children), open: false } as Type) : typeForHints(entry.hints),
      }));
    return toFields(this.sourceFields.get(source) ?? new Map());
  }

  // -------------------------------------------------------------------------------------------
  // Pass 2: SQL per node
  // -------------------------------------------------------------------------------------------

  compileNode(node: PipelineNode) {
    // A stored connection carries credentials (SASL, TLS) the engine resolves on the server; the Flink
    // tables would reach the cluster without them. Until they are passed on, such pipelines run embedded.
    if ((node.type === "kafka-source" || node.type === "kafka-sink") && (node.data as { connection?: string }).connection) {
      throw flinkProblem(node, "stored Kafka connections are not supported on the Flink runtime yet; use the embedded engine, or remove the connection to use the default cluster", "connection");
    }
    switch (node.type) {
      case "kafka-source":
        return this.source(node, node.data as KafkaSourceData);
      case "filter":
        return this.filter(node, node.data as FilterData);
      case "map":
        return this.map(node, node.data as MapData);
      case "flat-map":
        return this.flatMap(node, node.data as FlatMapData);
      case "reduce":
        return this.reduce(node, node.data as ReduceData);
      case "join":
        return this.join(node, node.data as JoinData);
      case "kafka-sink":
        return this.sink(node, node.data as KafkaSinkData);
    }
  }

  private input(node: PipelineNode, handle: "left" | "right" | null = null): Relation {
    const relation = this.inputs(node.id, handle)[0];
    // Validation guarantees an input; a missing relation means the upstream node was rejected.
    if (!relation) throw flinkProblem(node, "an upstream node could not be compiled");
    return relation;
  }

  private view(node: PipelineNode, select: string, relation: Omit<Relation, "name">) {
    const name = `n_${node.id}`;
    this.definitions.push(`CREATE TEMPORARY VIEW ${q(name)} AS\n${select}`);
    this.relations.set(node.id, { ...relation, name });
  }

  /** Type-checks and compiles one expression of a node against its input's columns. */
  private expression(node: PipelineNode, field: string, text: string, input: Relation, expect?: Type): { sql: string; type: Type } {
    const checked = checkExpression(text, { input: T.row(Object.fromEntries(input.columns.map((c) => [c.name, c.type]))), expect });
    if (!checked.ok) {
      const first = checked.errors[0]!;
      throw flinkProblem(node, `${first.message} (with the field types Flink uses: ${describeColumns(input.columns)})`, field, { code: first.code, start: first.start, end: first.end });
    }
    const compiled = compileFlinkSqlTree(checked.ast, checked.typeOf);
    if (!compiled.ok) throw flinkProblem(node, compiled.reason, field, { code: "FLINK", start: compiled.start, end: compiled.end });
    return { sql: compiled.sql, type: concrete(checked.typeOf(checked.ast)) };
  }

  private source(node: PipelineNode, data: KafkaSourceData) {
    const table = `src_${node.id}`;
    const columns = data.format === "text" ? [{ name: "text", type: T.string }] : this.sourceColumns(node.id);
    if (columns.length === 0) {
      throw flinkProblem(node, "no field of this JSON source is used downstream, so Flink cannot declare its columns; name the fields with a Map node");
    }
    const delayMs = this.watermarkDelay.get(node.id) ?? 0;
    const watermark = delayMs > 0 ? `${q(TS)} - ${interval(delayMs)}` : q(TS);
    const format =
      data.format === "text"
        ? [`'format' = 'raw'`, `'raw.charset' = 'UTF-8'`]
        : [`'format' = 'json'`, `'json.ignore-parse-errors' = 'true'`, `'json.fail-on-missing-field' = 'false'`];
    this.definitions.push(
      [
        `CREATE TEMPORARY TABLE ${q(table)} (`,
        ...columns.map((c) => `  ${q(c.name)} ${flinkType(c.type)},`),
        `  ${q(TS)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,`,
        `  WATERMARK FOR ${q(TS)} AS ${watermark}`,
        `) WITH (`,
        withOptions([
          `'connector' = 'kafka'`,
          `'topic' = ${flinkString(data.topic)}`,
          `'properties.bootstrap.servers' = ${flinkString(this.options.bootstrapServers)}`,
          `'properties.group.id' = ${flinkString(this.options.groupId)}`,
          `'scan.startup.mode' = '${data.startFrom === "earliest" ? "earliest-offset" : "latest-offset"}'`,
          ...format,
        ]),
        `)`,
      ].join("\n"),
    );
    this.tables.push({ nodeId: node.id, table, topic: data.topic, role: "source", connector: "kafka" });
    this.relations.set(node.id, { name: table, columns, timed: true, upsertKey: null, openFrom: new Set(data.format === "json" ? [node.id] : []) });
  }

  private filter(node: PipelineNode, data: FilterData) {
    const input = this.input(node);
    const condition = this.expression(node, "condition", data.condition, input, T.boolean);
    this.view(node, `SELECT ${selectList(input)}\nFROM ${q(input.name)}\nWHERE ${condition.sql}`, { ...input });
  }

  private map(node: PipelineNode, data: MapData) {
    const input = this.input(node);
    const fields = data.fields.map((field, i) => ({ name: field.name, ...this.expression(node, `fields.${i}.expression`, field.expression, input) }));
    const items = fields.map((f) => `${f.sql} AS ${q(f.name)}`);
    if (input.timed) items.push(q(TS));
    let upsertKey = input.upsertKey;
    if (upsertKey) {
      // An updating result stays keyed only if the map passes the key fields through unchanged.
      const passed = new Set(fields.filter((f) => upsertKey!.some((k) => f.sql === q(k) && f.name === k)).map((f) => f.name));
      upsertKey = upsertKey.every((k) => passed.has(k)) ? upsertKey : null;
      if (!upsertKey) throw flinkProblem(node, `this map follows a reduce without a window, whose updates are keyed by ${input.upsertKey!.join(", ")}; keep those fields unchanged (e.g. ${input.upsertKey!.map((k) => `${k} = ${k}`).join(", ")}) so Flink can key the updates`);
    }
    this.view(node, `SELECT\n  ${items.join(",\n  ")}\nFROM ${q(input.name)}`, {
      columns: fields.map((f) => ({ name: f.name, type: f.type })),
      timed: input.timed,
      upsertKey,
      openFrom: new Set(),
    });
  }

  private flatMap(node: PipelineNode, data: FlatMapData) {
    const input = this.input(node);
    if (input.upsertKey) throw flinkProblem(node, "a flat-map after a reduce without a window is not supported on Flink (the reduce's updates would be split, not replaced)");
    const array = this.expression(node, "expression", data.expression, input, T.array(T.any));
    if (array.type.kind !== "ARRAY") throw flinkProblem(node, `the expression must be an array, not ${formatType(array.type)}`, "expression");
    const kept = input.columns.filter((c) => c.name !== data.as);
    const items = [...kept.map((c) => q(c.name)), `${q("__t")}.${q("__elem")} AS ${q(data.as)}`];
    if (input.timed) items.push(q(TS));
    this.view(node, `SELECT ${items.join(", ")}\nFROM ${q(input.name)}\nCROSS JOIN UNNEST(${array.sql}) AS ${q("__t")} (${q("__elem")})`, {
      columns: [...kept, { name: data.as, type: concrete(array.type.element) }],
      timed: input.timed,
      upsertKey: null,
      openFrom: input.openFrom,
    });
  }

  private reduce(node: PipelineNode, data: ReduceData) {
    const input = this.input(node);
    if (input.upsertKey) {
      throw flinkProblem(node, "a reduce after a reduce without a window is not supported on Flink: Flink retracts the earlier result where the embedded engine counts every update as a new record");
    }
    const row = T.row(Object.fromEntries(input.columns.map((c) => [c.name, c.type])));
    const groups = data.groupBy.map((path, i) => {
      const type = pathType(row, path.split("."));
      if (!type) throw flinkProblem(node, `group-by field '${path}' is not a field of the input (${describeColumns(input.columns)})`, `groupBy.${i}`);
      return { sql: path.split(".").map(q).join("."), name: path.split(".").at(-1)!, type };
    });
    const aggregates = data.aggregations.map((aggregation, i) => {
      if (!aggregation.field) return { sql: "COUNT(*)", name: aggregation.as, type: T.bigint as Type };
      const type = pathType(row, aggregation.field.split("."));
      if (!type) throw flinkProblem(node, `'${aggregation.field}' is not a field of the input (${describeColumns(input.columns)})`, `aggregations.${i}.field`);
      const field = aggregation.field.split(".").map(q).join(".");
      switch (aggregation.fn) {
        case "count":
          return { sql: `COUNT(${field})`, name: aggregation.as, type: T.bigint as Type };
        case "avg":
          // Flink's AVG of an integer column is an integer; the embedded engine's average is exact.
          return { sql: `AVG(CAST(${field} AS DOUBLE))`, name: aggregation.as, type: T.double as Type };
        default:
          return { sql: `${aggregation.fn.toUpperCase()}(${field})`, name: aggregation.as, type };
      }
    });
    const groupItems = groups.map((g) => `${g.sql} AS ${q(g.name)}`);
    const aggregateItems = aggregates.map((a) => `${a.sql} AS ${q(a.name)}`);
    const columns = [...groups, ...aggregates].map((c) => ({ name: c.name, type: c.type }));

    if (!data.window) {
      this.view(node, `SELECT\n  ${[...groupItems, ...aggregateItems].join(",\n  ")}\nFROM ${q(input.name)}${groups.length ? `\nGROUP BY ${groups.map((g) => g.sql).join(", ")}` : ""}`, {
        columns,
        timed: false,
        upsertKey: groups.map((g) => g.name),
        openFrom: new Set(),
      });
      return;
    }
    if (!input.timed) throw flinkProblem(node, "a windowed reduce needs records with event time; its input here has none (it comes after a reduce or a map of one)", "window");
    const w = data.window;
    const tvf =
      w.type === "tumbling"
        ? `TUMBLE(TABLE ${q(input.name)}, DESCRIPTOR(${q(TS)}), ${interval(w.size)})`
        : w.type === "hopping"
          ? `HOP(TABLE ${q(input.name)}, DESCRIPTOR(${q(TS)}), ${interval(w.slide)}, ${interval(w.size)})`
          : `SESSION(TABLE ${q(input.name)}${groups.length ? ` PARTITION BY ${groups.map((g) => g.sql).join(", ")}` : ""}, DESCRIPTOR(${q(TS)}), ${interval(w.gap)})`;
    if (w.type === "hopping" && w.size % w.slide !== 0) {
      throw flinkProblem(node, `Flink's hopping windows need the size (${w.size} ms) to be a multiple of the slide (${w.slide} ms)`, "window.slide");
    }
    const items = [...groupItems, ...aggregateItems, `${epochMillis("window_start")} AS ${q("window_start")}`, `${epochMillis("window_end")} AS ${q("window_end")}`, `${q("window_time")} AS ${q(TS)}`];
    this.view(
      node,
      `SELECT\n  ${items.join(",\n  ")}\nFROM TABLE(${tvf})\nGROUP BY ${[q("window_start"), q("window_end"), q("window_time"), ...groups.map((g) => g.sql)].join(", ")}`,
      { columns: [...columns, { name: "window_start", type: T.bigint }, { name: "window_end", type: T.bigint }], timed: true, upsertKey: null, openFrom: new Set() },
    );
  }

  private join(node: PipelineNode, data: JoinData) {
    const left = this.input(node, "left");
    const right = this.input(node, "right");
    for (const [side, relation] of [["left", left], ["right", right]] as const) {
      if (!relation.timed || relation.upsertKey) {
        throw flinkProblem(node, `the ${side} input is an updating result (a reduce without a window); Flink's interval join needs append-only inputs with event time`);
      }
    }
    const leftRow = T.row(Object.fromEntries(left.columns.map((c) => [c.name, c.type])));
    const rightRow = T.row(Object.fromEntries(right.columns.map((c) => [c.name, c.type])));
    const leftKeyType = pathType(leftRow, data.leftKey.split("."));
    const rightKeyType = pathType(rightRow, data.rightKey.split("."));
    if (!leftKeyType) throw flinkProblem(node, `'${data.leftKey}' is not a field of the left input`, "leftKey");
    if (!rightKeyType) throw flinkProblem(node, `'${data.rightKey}' is not a field of the right input`, "rightKey");
    const leftNames = new Set(left.columns.map((c) => c.name));
    // A field of a JSON source is declared on every source it could come from, so whether a record
    // really has it is only known per record. The embedded join keeps a left field under its name and
    // renames the right one `right_<name>` only when the left record has the field; for such shared
    // names the view does the same per row (a missing JSON field reads as NULL).
    const perRow = left.openFrom.size > 0;
    const rightColumns = right.columns.map((c) => ({ source: c.name, name: leftNames.has(c.name) ? `right_${c.name}` : c.name, type: c.type }));
    const rightNames = new Set(rightColumns.map((c) => c.name));
    const leftColumns = left.columns.filter((c) => !rightNames.has(c.name));
    const shared = (name: string) => rightColumns.find((c) => c.source === name && c.name !== name);
    const sameType = (a: Type, b: Type) => flinkType(a) === flinkType(b);
    const items = [
      ...leftColumns.map((c) => {
        const other = perRow ? shared(c.name) : undefined;
        if (!other) return `${q("l")}.${q(c.name)} AS ${q(c.name)}`;
        const [l, r] = sameType(c.type, other.type) ? [`${q("l")}.${q(c.name)}`, `${q("r")}.${q(c.name)}`] : [`CAST(${q("l")}.${q(c.name)} AS STRING)`, `CAST(${q("r")}.${q(c.name)} AS STRING)`];
        return `COALESCE(${l}, ${r}) AS ${q(c.name)}`;
      }),
      ...rightColumns.map((c) =>
        perRow && c.name !== c.source
          ? `CASE WHEN ${q("l")}.${q(c.source)} IS NOT NULL THEN ${q("r")}.${q(c.source)} END AS ${q(c.name)}`
          : `${q("r")}.${q(c.source)} AS ${q(c.name)}`,
      ),
      // The embedded join stamps a match with the later of the two timestamps; Flink keeps one time attribute, the left's.
      `${q("l")}.${q(TS)} AS ${q(TS)}`,
    ];
    const columnType = (c: RowField) => {
      const other = perRow ? shared(c.name) : undefined;
      return other && !sameType(c.type, other.type) ? T.string : c.type;
    };
    const keyOf = (alias: string, path: string) => `${q(alias)}.${path.split(".").map(q).join(".")}`;
    this.view(
      node,
      [
        `SELECT\n  ${items.join(",\n  ")}`,
        `FROM ${q(left.name)} AS ${q("l")}`,
        `${data.type === "left" ? "LEFT " : ""}JOIN ${q(right.name)} AS ${q("r")}`,
        `  ON ${keyOf("l", data.leftKey)} = ${keyOf("r", data.rightKey)}`,
        `  AND ${q("r")}.${q(TS)} BETWEEN ${q("l")}.${q(TS)} - ${interval(data.within)} AND ${q("l")}.${q(TS)} + ${interval(data.within)}`,
      ].join("\n"),
      {
        columns: [...leftColumns.map((c) => ({ name: c.name, type: columnType(c) })), ...rightColumns.map((c) => ({ name: c.name, type: c.type }))],
        timed: true,
        upsertKey: null,
        openFrom: new Set([...left.openFrom, ...right.openFrom]),
      },
    );
  }

  private sink(node: PipelineNode, data: KafkaSinkData) {
    const input = this.input(node);
    if (input.openFrom.size > 0) {
      const sources = [...input.openFrom].map((id) => `'${id}'`).join(", ");
      throw flinkProblem(
        node,
        `records reaching this sink still carry every field of JSON source ${sources}, and Flink only knows the fields the pipeline names; add a Map node before the sink that lists the output fields`,
      );
    }
    const table = `snk_${node.id}`;
    const keyName = data.key?.split(".")[0];
    if (data.key && data.key.includes(".")) throw flinkProblem(node, "a nested key field is not supported on Flink; map it to a top-level field first", "key");
    const keyColumn = keyName ? input.columns.find((c) => c.name === keyName) : undefined;
    if (keyName && !keyColumn) throw flinkProblem(node, `key field '${keyName}' is not a field of the records reaching this sink (${describeColumns(input.columns)})`, "key");
    const columns = input.columns;
    const options = [`'topic' = ${flinkString(data.topic)}`, `'properties.bootstrap.servers' = ${flinkString(this.options.bootstrapServers)}`];
    const valueFormat = [`'value.format' = 'json'`, `'value.json.encode.decimal-as-plain-number' = 'true'`, `'value.fields-include' = 'ALL'`];
    let connector: "kafka" | "upsert-kafka";
    let primaryKey = "";
    if (input.upsertKey) {
      if (input.upsertKey.length === 0) {
        throw flinkProblem(node, "this sink receives the updates of a reduce without group-by fields; upsert-kafka needs a key, so group by at least one field");
      }
      if (keyName && (input.upsertKey.length !== 1 || input.upsertKey[0] !== keyName)) {
        throw flinkProblem(node, `on Flink the Kafka key of an updating result is its group-by fields (${input.upsertKey.join(", ")}); set the key to ${input.upsertKey.length === 1 ? `'${input.upsertKey[0]}'` : "nothing"} or change the reduce`, "key");
      }
      connector = "upsert-kafka";
      primaryKey = `,\n  PRIMARY KEY (${input.upsertKey.map(q).join(", ")}) NOT ENFORCED`;
      const single = input.upsertKey.length === 1 ? columns.find((c) => c.name === input.upsertKey![0]) : undefined;
      // A single string key is written as its text, as the embedded sink writes a string key.
      options.unshift(`'connector' = 'upsert-kafka'`);
      options.push(single?.type.kind === "STRING" ? `'key.format' = 'raw'` : `'key.format' = 'json'`, ...valueFormat);
    } else {
      connector = "kafka";
      options.unshift(`'connector' = 'kafka'`);
      if (keyColumn) {
        options.push(`'key.fields' = ${flinkString(keyColumn.name)}`, keyColumn.type.kind === "STRING" ? `'key.format' = 'raw'` : `'key.format' = 'json'`, ...valueFormat);
      } else {
        options.push(`'value.format' = 'json'`, `'value.json.encode.decimal-as-plain-number' = 'true'`);
      }
      options.push(`'sink.delivery-guarantee' = 'at-least-once'`);
    }
    this.definitions.push(
      [`CREATE TEMPORARY TABLE ${q(table)} (`, columns.map((c) => `  ${q(c.name)} ${flinkType(c.type)}`).join(",\n") + primaryKey, `) WITH (`, withOptions(options), `)`].join("\n"),
    );
    this.inserts.push(`INSERT INTO ${q(table)}\nSELECT ${columns.map((c) => q(c.name)).join(", ")}\nFROM ${q(input.name)}`);
    this.tables.push({ nodeId: node.id, table, topic: data.topic, role: "sink", connector });
    this.relations.set(node.id, { name: table, columns, timed: false, upsertKey: null, openFrom: new Set() });
  }
}

function withOptions(options: string[]): string {
  return options.map((o) => `  ${o}`).join(",\n");
}

/** The select list that passes a relation's columns (and its time attribute) through. */
function selectList(input: Relation): string {
  return [...input.columns.map((c) => q(c.name)), ...(input.timed ? [q(TS)] : [])].join(", ");
}

/**
 * A Flink interval literal for a number of milliseconds. Whole seconds up to
 * 99 use the short form; anything else the day-time form, whose default
 * precisions (2 digits of seconds, none of fractions) would reject it otherwise.
 */
export function interval(ms: number): string {
  if (ms % 1000 === 0 && ms < 100_000) return `INTERVAL '${ms / 1000}' SECOND`;
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor(ms / 3_600_000) % 24;
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `INTERVAL '${days} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}' DAY(3) TO SECOND(3)`;
}

/** Epoch milliseconds of a TIMESTAMP(3) in UTC (the session time zone): Flink has no direct cast to BIGINT. */
function epochMillis(column: string): string {
  return `(CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', ${q(column)}) AS BIGINT) * 1000 + MOD(EXTRACT(MILLISECOND FROM ${q(column)}), 1000))`;
}

/** A column type Flink accepts: ANY and NULL (unknown until run time) become STRING, as a JSON field without hints does. */
function concrete(type: Type): Type {
  switch (type.kind) {
    case "ANY":
    case "NULL":
      return T.string;
    case "ARRAY":
      return T.array(concrete(type.element));
    case "ROW":
      return { kind: "ROW", fields: type.fields.map((f) => ({ name: f.name, type: concrete(f.type) })), open: false };
    default:
      return type;
  }
}

function flinkType(type: Type): string {
  const t = concrete(type);
  if (t.kind === "ROW") return `ROW<${t.fields.map((f) => `${q(f.name)} ${flinkType(f.type)}`).join(", ")}>`;
  if (t.kind === "ARRAY") return `ARRAY<${flinkType(t.element)}>`;
  return formatType(t);
}

function pathType(row: RecordType, path: string[]): Type | undefined {
  let current: Type = row;
  for (const segment of path) {
    if (current.kind !== "ROW") return undefined;
    const field: RowField | undefined = current.fields.find((f) => f.name === segment);
    if (!field) return undefined;
    current = field.type;
  }
  return current;
}

function describeColumns(columns: RowField[]): string {
  return columns.map((c) => `${c.name} ${flinkType(c.type)}`).join(", ") || "no fields";
}

