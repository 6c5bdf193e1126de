import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "../../graph";
import { redactSecrets } from "../../flink-sql/kafka-client";
import { compilePipelineToFlinkSql, interval, planScript, planStatements } from "./compile-pipeline";

/**
 * Golden tests: every fixture graph in ./fixtures compiles to exactly the SQL
 * in its `.sql` file, or (for `expectProblems`) is rejected with a problem on
 * the node that causes it. Regenerate the SQL after a deliberate compiler
 * change with `UPDATE_FLINK_GOLDENS=1 npx vitest run engine/runners/flink`,
 * then review the diff: the committed files are the expectation.
 */

type Fixture = {
  description: string;
  document: unknown;
  expectProblems?: { nodeId: string; code: string; includes: string }[];
};

const FIXTURES = join(import.meta.dirname, "fixtures");
// As the engine submits a deployment: parallelism, key groups, checkpoint interval and exactly-once sinks.
const options = { bootstrapServers: "127.0.0.1:9092", groupId: "streamline.golden", jobName: "streamline golden", parallelism: 2, maxParallelism: 128, checkpointIntervalMs: 5000, transactionalIdPrefix: "streamline-golden", deadLetterTopic: "streamline.golden.dlq", samplesTopic: "streamline.golden.samples" };
const update = process.env.UPDATE_FLINK_GOLDENS === "1";

const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as Fixture] as const);

describe("Flink SQL goldens", () => {
  it("has fixtures of both kinds", () => {
    expect(fixtures.filter(([, f]) => !f.expectProblems).length).toBeGreaterThanOrEqual(6);
    expect(fixtures.filter(([, f]) => f.expectProblems).length).toBeGreaterThanOrEqual(3);
  });

  for (const [name, fixture] of fixtures) {
    it(`${name}: ${fixture.description}`, () => {
      const result = compilePipelineToFlinkSql(fixture.document, options);
      if (fixture.expectProblems) {
        expect(result.ok).toBe(false);
        const problems = result.ok ? [] : result.problems;
        for (const expected of fixture.expectProblems) {
          const found = problems.find((p) => p.nodeId === expected.nodeId && p.code === expected.code && p.message.includes(expected.includes));
          expect(found, `a ${expected.code} problem on ${expected.nodeId} mentioning "${expected.includes}" in ${JSON.stringify(problems)}`).toBeDefined();
        }
        return;
      }
      if (!result.ok) throw new Error(`${name} did not compile: ${JSON.stringify(result.problems, null, 2)}`);
      const sql = planScript(result.plan);
      const golden = join(FIXTURES, `${name}.sql`);
      if (update || !existsSync(golden)) {
        if (!update) throw new Error(`No golden ${golden}; run with UPDATE_FLINK_GOLDENS=1 to write it, then review it`);
        writeFileSync(golden, sql);
      }
      expect(sql).toBe(readFileSync(golden, "utf8"));
    });
  }
});

describe("the Flink plan", () => {
  it("names a source and a sink table per Kafka node and maps every node to a relation", () => {
    const result = compilePipelineToFlinkSql(wordCountTemplate({ input: "in", output: "out" }), options);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.tables).toEqual([
      { nodeId: "lines", table: "src_lines", topic: "in", role: "source", connector: "kafka" },
      { nodeId: "counts", table: "snk_counts", topic: "out", role: "sink", connector: "upsert-kafka" },
    ]);
    expect(Object.keys(result.plan.relations).sort()).toEqual(["count", "counts", "lines", "non-empty", "words"]);
  });

  it("resumes from a savepoint when given one", () => {
    const result = compilePipelineToFlinkSql(wordCountTemplate(), { ...options, savepointPath: "file:/tmp/sp-1" });
    expect(result.ok && result.plan.settings).toContain("SET 'execution.savepoint.path' = 'file:/tmp/sp-1'");
  });

  it("retains a job's last checkpoint on cancellation, and starts sources at the group's offsets when told to", () => {
    const fresh = compilePipelineToFlinkSql(wordCountTemplate(), options);
    if (!fresh.ok) throw new Error("did not compile");
    expect(fresh.plan.settings).toContain("SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION'");
    const sql = (result: ReturnType<typeof compilePipelineToFlinkSql>) => (result.ok ? result.plan.definitions.join("\n") : "");
    expect(sql(fresh)).toContain("'scan.startup.mode' = 'earliest-offset'");
    expect(sql(fresh)).not.toContain("group-offsets");
    const resumed = compilePipelineToFlinkSql(wordCountTemplate(), { ...options, resumeFromGroupOffsets: true });
    expect(sql(resumed)).toContain("'scan.startup.mode' = 'group-offsets',\n  'properties.auto.offset.reset' = 'earliest'");
    expect(sql(resumed)).not.toContain("earliest-offset");
  });

  it("passes a stored connection's SASL and TLS settings as Kafka client properties and redacts the password from the shown SQL", () => {
    const graph = wordCountTemplate({ input: "in", output: "out" });
    for (const node of graph.nodes) if (node.type === "kafka-source" || node.type === "kafka-sink") node.data = { ...node.data, connection: "conn-1" } as typeof node.data;
    const password = `pa'ss"word`;
    const connections = { "conn-1": { bootstrapServers: "kafka.example:9093", tls: true, caPem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", sasl: { mechanism: "scram-sha-256" as const, username: "alice", password } } };
    const result = compilePipelineToFlinkSql(graph, { ...options, connections });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const submitted = planStatements(result.plan).join("\n");
    expect(submitted).toContain(`'properties.bootstrap.servers' = 'kafka.example:9093'`);
    expect(submitted).toContain(`'properties.security.protocol' = 'SASL_SSL'`);
    expect(submitted).toContain(`'properties.sasl.mechanism' = 'SCRAM-SHA-256'`);
    expect(submitted).toContain(`'properties.sasl.jaas.config' = U&'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="pa''ss\\\\"word";'`);
    expect(submitted).toContain(`'properties.ssl.truststore.type' = 'PEM'`);
    const shown = planScript(result.plan);
    expect(shown).toContain(`password="******";`);
    expect(shown).not.toContain("pa''ss");
    expect(redactSecrets(`Flink said: ${submitted}`, result.plan.secrets)).not.toMatch(/pa'{1,2}ss/);
  });

  it("refuses a node whose stored connection was not resolved, and compiles it without credentials for the deploy check", () => {
    const graph = wordCountTemplate({ input: "in", output: "out" });
    // Every source and sink of a pipeline is on the same cluster.
    for (const node of graph.nodes) if (node.type === "kafka-source" || node.type === "kafka-sink") node.data = { ...node.data, connection: "gone" } as typeof node.data;
    const missing = compilePipelineToFlinkSql(graph, { ...options, connections: {} });
    expect(!missing.ok && missing.problems.filter((p) => p.field === "connection").map((p) => [p.nodeId, p.field])).toEqual([
      ["lines", "connection"],
      ["counts", "connection"],
    ]);
    expect(compilePipelineToFlinkSql(graph, options).ok).toBe(true);
  });

  it("warns on every windowed node that Flink drops its late records, and on no other node", () => {
    const fixture = (name: string) => (JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as Fixture).document;
    const lateWarnings = (name: string) => {
      const result = compilePipelineToFlinkSql(fixture(name), options);
      if (!result.ok) throw new Error(`${name} did not compile`);
      return result.plan.warnings.filter((w) => w.message.includes("late records")).map((w) => [w.nodeId, w.field]);
    };
    const windowedNodes = (name: string) =>
      (fixture(name) as { nodes: { id: string; type: string; data: { window?: unknown } }[] }).nodes.filter((n) => n.type === "join" || n.type === "deduplicate" || (n.type === "reduce" && n.data.window)).map((n) => [n.id, "allowedLateness"]);
    for (const name of ["windowed-reduce", "join", "deduplicate", "hopping-late"]) {
      expect(windowedNodes(name).length, name).toBeGreaterThan(0);
      expect(lateWarnings(name), name).toEqual(windowedNodes(name));
    }
    expect(lateWarnings("word-count")).toEqual([]);
    expect(lateWarnings("filter-map")).toEqual([]);
  });

  it("returns validation problems for an invalid document", () => {
    const result = compilePipelineToFlinkSql({ version: 1, nodes: [], edges: [] }, options);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.code)).toContain("graph.no-source");
  });

  it("writes intervals Flink accepts up to a year, to the millisecond", () => {
    expect(interval(60_000)).toBe("INTERVAL '60' SECOND");
    expect(interval(1_500)).toBe("INTERVAL '0 00:00:01.500' DAY(3) TO SECOND(3)");
    expect(interval(120_000)).toBe("INTERVAL '0 00:02:00.000' DAY(3) TO SECOND(3)");
    expect(interval(366 * 86_400_000 + 7)).toBe("INTERVAL '366 00:00:00.007' DAY(3) TO SECOND(3)");
  });
});
