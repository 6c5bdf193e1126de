import { checkExpression, fieldsReferenced, T, type RowField, type Type } from "../../expr";
import { compileFlinkSqlTree, compileGuardedFlinkSqlTree, flinkIdentifier, flinkString, type FlinkFailure } from "../../expr/compile-flink-sql";
import { deadLetterInsert, deadLetterSelect, deadLetterTableDefinition, type DeadLetterRoute } from "../../flink-sql/dead-letters";
import { collectFieldHints, typeForHints, type FieldHint } from "../../flink-sql/field-hints";
import { connectionSecrets, redactSecrets } from "../../flink-sql/kafka-client";
import { sampleable, samplesInsert, samplesTableDefinition, sampleStatements } from "../../flink-sql/samples";
import type { FlinkCompileOptions, FlinkTable, LowerContext, Reach } from "../../flink-sql/lowering";
import { concrete, describeColumns, rowOf, selectList, type Relation } from "../../flink-sql/sql";
import { operatorOf, topologicalOrder, validatePipeline, type DisabledNode, type PipelineProblem, type TypedNode, type ValidNode, type ValidPipeline } from "../../graph";

export { interval } from "../../flink-sql/sql";
export type { FlinkCompileOptions, FlinkTable } from "../../flink-sql/lowering";

/**
 * Compiles a pipeline document to Flink SQL: one Kafka table per source and
 * sink, one view per operator, and one INSERT (a statement set when there are
 * several sinks) that becomes the Flink job. The result is meant to behave as
 * the embedded engine does on the same input:
 *
 * - Event time (`__ts`) is the Kafka record timestamp (the `timestamp`
 *   metadata column) or a computed column from the source's time field. The
 *   watermark is `__ts - (watermark delay + largest allowed lateness
 *   downstream + 1 ms)`: Flink's Kafka source keeps it per partition and
 *   takes the minimum, as the embedded engine does, and a window fires when
 *   the watermark reaches its end − 1 ms, so both close a window when the
 *   slowest partition's largest event time minus the delay reaches its end
 *   plus the lateness. The source's idle timeout is the table's
 *   `scan.watermark.idle-timeout`.
 * - A reduce without a window updates its result per input record; its sink
 *   is `upsert-kafka` keyed by the group-by fields, so the latest record per
 *   key is the result. A windowed reduce uses Flink's window table functions
 *   and writes `window_start` / `window_end` as epoch milliseconds.
 * - A join is an interval join (`within` ms either way).
 * - A JSON source declares the fields the pipeline reads, typed by how they
 *   are used (see field-hints.ts).
 * - A disabled node with one input and one output is a view that selects its
 *   input unchanged; a disabled sink has no table and no INSERT.
 *
 * Each node is lowered by its operator's Flink part (engine/operators/<type>/flink.ts);
 * what cannot be compiled faithfully, or an operator that does not run on
 * Flink, is rejected with a problem on the node that causes it, in the shape
 * validation uses, before anything is deployed.
 */

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
  /**
   * The outputs whose records are sampled into the samples topic (see flink-sql/samples.ts),
   * by key: a node id, or `<node id>.<output>` for a named output. Empty without a samples topic.
   */
  sampled: string[];
  /** Connection passwords in the statements (every form they take): redact them from anything shown or logged. */
  secrets: string[];
  /**
   * What runs, but not as on the embedded engine, one per node and cause (e.g.
   * an expression that can fail where the failure cannot be dead-lettered per
   * record on Flink): shown with the deploy, the node named.
   */
  warnings: PipelineProblem[];
};

export type FlinkCompileResult = { ok: true; plan: FlinkPlan } | { ok: false; problems: PipelineProblem[] };

/** The statements of a plan, in the order they must run, each without a trailing semicolon. */
export function planStatements(plan: FlinkPlan): string[] {
  return [...plan.settings, ...plan.definitions, plan.insert];
}

/** The plan as one SQL script (for display, goldens and logs), with connection secrets redacted. */
export function planScript(plan: FlinkPlan): string {
  return redactSecrets(`${planStatements(plan).join(";\n\n")};\n`, plan.secrets);
}

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

function flinkProblem(nodeId: string, message: string, field?: string, expression?: PipelineProblem["expression"]): CompileError {
  const where = field ? { nodeId, field } : { nodeId };
  return new CompileError({ code: expression ? "node.expression" : "node.config", message: `Flink: ${message}`, ...where, structural: false, ...(expression ? { expression } : {}) });
}

/** A tree of the fields read from a JSON source, with the hints of each leaf. */
type FieldTree = Map<string, { hints: Set<FieldHint>; children: FieldTree }>;

const emptyReach = (): Reach => ({ sources: new Set(), known: new Set(), upstream: new Set() });

/** The key of a node's output relation: its id, or `<id>.<output>` for a named output. */
const outputKey = (nodeId: string, output: string | null | undefined) => (output ? `${nodeId}.${output}` : nodeId);

class PipelineCompiler {
  private readonly nodes: Map<string, ValidNode>;
  private readonly relations = new Map<string, Relation>();
  private readonly definitions: string[] = [];
  private readonly inserts: string[] = [];
  private readonly tables: FlinkTable[] = [];
  private readonly warnings: PipelineProblem[] = [];
  /** The SELECTs of failed rows, per node, for the job's one INSERT into the dead-letter table. */
  private readonly deadLetters: string[] = [];
  /** Per JSON source: the fields read downstream. */
  private readonly sourceFields = new Map<string, FieldTree>();
  /** Per source: the watermark delay (the largest allowed lateness of an event-time operator downstream). */
  private readonly watermarkDelay = new Map<string, number>();

  constructor(
    private readonly document: ValidPipeline,
    private readonly options: FlinkCompileOptions,
  ) {
    this.nodes = new Map(document.nodes.map((node) => [node.id, node]));
    this.analyseSources();
  }

  node(id: string): ValidNode {
    return this.nodes.get(id)!;
  }

  plan(): FlinkPlan {
    const settings = [
      `SET 'pipeline.name' = ${flinkString(this.options.jobName)}`,
      // Window bounds are computed in UTC, so they are epoch-aligned as on the embedded engine.
      `SET 'table.local-time-zone' = 'UTC'`,
    ];
    const { parallelism, maxParallelism, checkpointIntervalMs, transactionalIdPrefix } = this.options;
    if (parallelism !== undefined) settings.push(`SET 'parallelism.default' = '${parallelism}'`);
    if (maxParallelism !== undefined) settings.push(`SET 'pipeline.max-parallelism' = '${maxParallelism}'`);
    if (checkpointIntervalMs !== undefined) settings.push(`SET 'execution.checkpointing.interval' = '${checkpointIntervalMs} ms'`);
    // Exactly-once sinks commit their transactions when a checkpoint completes: checkpoints must be exactly-once too.
    if (transactionalIdPrefix !== undefined) settings.push(`SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE'`);
    // A job cancelled because it could not take a savepoint (or one that failed for good) leaves its last
    // checkpoint behind, and the next deployment resumes from it instead of losing its state.
    settings.push(`SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION'`);
    if (this.options.savepointPath) settings.push(`SET 'execution.savepoint.path' = ${flinkString(this.options.savepointPath)}`);
    const definitions = [...this.definitions];
    const sampled: string[] = [];
    const sampleSelects: string[] = [];
    if (this.options.samplesTopic) {
      for (const [key, relation] of this.relations) {
        if (!sampleable(relation)) continue;
        const { views, select } = sampleStatements(key, relation);
        if (sampled.length === 0) definitions.push(samplesTableDefinition(this.options, this.options.samplesTopic));
        definitions.push(...views);
        sampleSelects.push(select);
        sampled.push(key);
      }
    }
    const inserts = [...this.inserts, ...(this.deadLetters.length > 0 ? [deadLetterInsert(this.deadLetters)] : []), ...(sampleSelects.length > 0 ? [samplesInsert(sampleSelects)] : [])];
    const insert = inserts.length === 1 ? inserts[0]! : `EXECUTE STATEMENT SET\nBEGIN\n${inserts.map((s) => `${s};`).join("\n")}\nEND`;
    const relations: Record<string, string> = {};
    for (const [key, relation] of this.relations) if (this.nodes.has(key)) relations[key] = relation.name;
    // A node with named outputs only: its first output's view stands for it.
    for (const [key, relation] of this.relations) {
      const nodeId = key.slice(0, Math.max(0, key.lastIndexOf(".")));
      if (nodeId && this.nodes.has(nodeId) && !(nodeId in relations)) relations[nodeId] = relation.name;
    }
    return { settings, definitions, insert, tables: [...this.tables], relations, sampled, secrets: connectionSecrets(this.options), warnings: [...this.warnings] };
  }

  private inputs(id: string, handle: string | null): Relation[] {
    return this.document.edges
      .filter((edge) => edge.target === id && (edge.targetHandle ?? null) === handle)
      .map((edge) => this.relations.get(outputKey(edge.source, edge.sourceHandle)))
      .filter((relation): relation is Relation => relation !== undefined);
  }

  // -------------------------------------------------------------------------------------------
  // Pass 1: which fields of each JSON source are read, and how; watermark delays
  // -------------------------------------------------------------------------------------------

  private analyseSources() {
    const reach = new Map<string, Reach>();
    const order = topologicalOrder(this.document.nodes.map((node) => node.id), this.document.edges);
    const inputOf = (id: string, handle: string | null) =>
      this.document.edges.filter((e) => e.target === id && (e.targetHandle ?? null) === handle).map((e) => reach.get(e.source)!).filter(Boolean);
    const use = (into: Reach, path: string[], hint: FieldHint | null) => {
      if (into.known.has(path[0]!)) return;
      for (const source of into.sources) this.addField(source, path, hint);
    };

    for (const id of order) {
      const node = this.node(id);
      if (node.disabled) {
        // What reaches a pass-through's output is what reached its input; a disabled sink reads nothing.
        reach.set(id, node.effect === "pass-through" ? (inputOf(id, null)[0] ?? emptyReach()) : emptyReach());
        continue;
      }
      const operator = operatorOf(node.type);
      if (!operator.flink.supported) {
        reach.set(id, emptyReach());
        continue;
      }
      const ports = operator.inputs;
      const firstPort = ports.kind === "named" ? ports.ports[0]!.handle : null;
      reach.set(
        id,
        operator.flink.analyse({
          nodeId: id,
          data: node.data,
          input: inputOf(id, firstPort)[0] ?? emptyReach(),
          inputs: (handle) => inputOf(id, handle),
          use,
          useExpression: (into, text, expected) => {
            const checked = checkExpression(text);
            if (!checked.ok) return;
            for (const path of fieldsReferenced(checked.ast)) use(into, path, null);
            collectFieldHints(checked.ast, checked.typeOf, expected, (path, hint) => use(into, path, hint));
          },
          holdWatermark: (into, lateness) => {
            for (const source of into.upstream) this.watermarkDelay.set(source, Math.max(this.watermarkDelay.get(source) ?? 0, lateness));
          },
          declareJsonSource: () => this.sourceFields.set(id, new Map()),
        }),
      );
    }
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
  // Pass 2: SQL per node, by its operator's lowering
  // -------------------------------------------------------------------------------------------

  compileNode(node: ValidNode) {
    if (node.disabled) return this.compileDisabled(node);
    const operator = operatorOf(node.type);
    // A stored connection's brokers and credentials come resolved in the options at submit time.
    const connection = operator.endpoint?.(node.data).connection;
    if (connection && this.options.connections && !this.options.connections[connection]) {
      throw flinkProblem(node.id, `Kafka connection '${connection}' could not be resolved`, "connection");
    }
    if (!operator.flink.supported) throw flinkProblem(node.id, `${operator.label} does not run on Flink: ${operator.flink.reason}`);
    operator.flink.lower(this.context(node));
  }

  /** A disabled pass-through is its input under its own view (so Flink's metrics still map to it); a disabled sink is nothing. */
  private compileDisabled(node: DisabledNode) {
    if (node.effect === "write-nothing") return;
    const from = this.inputs(node.id, null)[0];
    if (!from) throw flinkProblem(node.id, "an upstream node could not be compiled");
    const name = `n_${node.id}`;
    this.definitions.push(`CREATE TEMPORARY VIEW ${flinkIdentifier(name)} AS\nSELECT ${selectList(from)}\nFROM ${flinkIdentifier(from.name)}`);
    this.relations.set(node.id, { ...from, name });
  }

  private context(node: TypedNode): LowerContext<TypedNode["data"]> {
    const id = node.id;
    return {
      nodeId: id,
      data: node.data,
      options: this.options,
      input: (handle = null) => {
        const relation = this.inputs(id, handle)[0];
        // Validation guarantees an input; a missing relation means the upstream node was rejected.
        if (!relation) throw flinkProblem(id, "an upstream node could not be compiled");
        return relation;
      },
      inputs: (handle) => this.inputs(id, handle),
      expression: (field, text, input, expect) => {
        const { sql, type } = this.expression(id, field, text, input, expect, false);
        return { sql, type };
      },
      guardedExpression: (field, text, input, expect) => this.expression(id, field, text, input, expect, true),
      deadLetter: (route) => this.deadLetter(id, route),
      warn: (message, field) => this.warn(id, field ?? "", message),
      view: (select, relation, output) => {
        const name = output ? `n_${id}__${output}` : `n_${id}`;
        this.definitions.push(`CREATE TEMPORARY VIEW ${flinkIdentifier(name)} AS\n${select}`);
        this.relations.set(outputKey(id, output), { ...relation, name });
      },
      define: (statement) => this.definitions.push(statement),
      insert: (statement) => this.inserts.push(statement),
      table: (table) => this.tables.push({ nodeId: id, ...table }),
      output: (relation) => this.relations.set(id, relation),
      sourceColumns: () => this.sourceColumns(id),
      watermarkDelay: () => this.watermarkDelay.get(id),
      problem: (message, field, expression) => flinkProblem(id, message, field, expression),
    };
  }

  /** Adds the INSERT of a node's failed rows into the dead-letter table (created with the first). */
  private deadLetter(nodeId: string, route: DeadLetterRoute) {
    const topic = this.options.deadLetterTopic;
    if (!topic) return;
    if (this.deadLetters.length === 0) this.definitions.push(deadLetterTableDefinition(this.options, topic));
    this.deadLetters.push(deadLetterSelect(nodeId, route));
  }

  private warn(nodeId: string, field: string, message: string, expression?: PipelineProblem["expression"]) {
    this.warnings.push({ code: expression ? "node.expression" : "node.config", message: `Flink: ${message}`, nodeId, field, structural: false, ...(expression ? { expression } : {}) });
  }

  /**
   * Type-checks and compiles one expression of a node against its input's
   * columns. Guarded: the SQL never fails the job and the failures say when
   * the embedded engine would have dead-lettered the row; what the guards cannot
   * match per row is a warning. Unguarded: the SQL as written, and a warning
   * when it can fail on a record.
   */
  private expression(nodeId: string, field: string, text: string, input: Relation, expect: Type | undefined, guarded: boolean): { sql: string; type: Type; failures: FlinkFailure[] } {
    const checked = checkExpression(text, { input: rowOf(input.columns), expect });
    if (!checked.ok) {
      const first = checked.errors[0]!;
      throw flinkProblem(nodeId, `${first.message} (with the field types Flink uses: ${describeColumns(input.columns)})`, field, { code: first.code, start: first.start, end: first.end });
    }
    const compiled = compileFlinkSqlTree(checked.ast, checked.typeOf);
    if (!compiled.ok) throw flinkProblem(nodeId, compiled.reason, field, { code: "FLINK", start: compiled.start, end: compiled.end });
    const type = concrete(checked.typeOf(checked.ast));
    const guards = compileGuardedFlinkSqlTree(checked.ast, checked.typeOf);
    if (!guards.ok) return { sql: compiled.sql, type, failures: [] };
    if (guarded) {
      for (const unmatched of guards.unmatched) {
        this.warn(nodeId, field, `${unmatched.reason}: it sits where the embedded engine evaluates it for some records only, which Flink SQL cannot match per record`, { code: "FLINK", start: unmatched.start, end: unmatched.end });
      }
      return { sql: guards.sql, type, failures: guards.failures };
    }
    if (guards.failures.length + guards.unmatched.length > 0) {
      const site = guards.unmatched[0] ?? null;
      this.warn(nodeId, field, "this expression can fail on a record (a CAST of text, a division by zero), which the embedded engine dead-letters; this node cannot on Flink, where a CAST of bad text or an integer division by zero fails the job (it restarts and fails again) and a DOUBLE division by zero gives Infinity or NaN", site ? { code: "FLINK", start: site.start, end: site.end } : undefined);
    }
    return { sql: compiled.sql, type, failures: [] };
  }
}
