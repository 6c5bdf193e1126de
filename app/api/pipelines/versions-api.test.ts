import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { deployResponse } from "@/lib/schemas/deployments";
import { pipelineResponse, versionListResponse } from "@/lib/schemas/pipelines";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { bearer, createTestAccount, type TestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import * as deployRoute from "./[id]/deploy/route";
import * as restoreRoute from "./[id]/versions/[version]/restore/route";
import * as versionRoute from "./[id]/versions/[version]/route";
import * as versionsRoute from "./[id]/versions/route";
import * as pipelineRoute from "./[id]/route";
import * as pipelinesRoute from "./route";

/**
 * Versions (author, message, restore, deploy of version N) and deploy plans,
 * through the route handlers against a real database. No engine runs here:
 * a deployment is a row, which is all the plan reads.
 */

const base = "http://localhost/api/pipelines";
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
let account: TestAccount;

function call(url: string, method: string, body?: unknown): Request {
  const headers: Record<string, string> = { ...bearer(account) };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function read(response: Response): Promise<{ status: number; body: any }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const create = async (body: unknown) => read(await pipelinesRoute.POST(call(base, "POST", body), noParams));
const save = async (id: string, body: unknown) => read(await pipelineRoute.PUT(call(`${base}/${id}`, "PUT", body), idParams(id)));
const versions = async (id: string) => read(await versionsRoute.GET(call(`${base}/${id}/versions`, "GET"), idParams(id)));
const version = async (id: string, n: string) => read(await versionRoute.GET(call(`${base}/${id}/versions/${n}`, "GET"), { params: Promise.resolve({ id, version: n }) }));
const restore = async (id: string, n: string, body?: unknown) =>
  read(await restoreRoute.POST(call(`${base}/${id}/versions/${n}/restore`, "POST", body), { params: Promise.resolve({ id, version: n }) }));
const deploy = async (id: string, body: unknown) => read(await deployRoute.POST(call(`${base}/${id}/deploy`, "POST", body), idParams(id)));

/** The word count with one change applied to a copy. */
function variant(change: (graph: PipelineDocument) => void): PipelineDocument {
  const graph = wordCountTemplate();
  change(graph);
  return graph;
}
const node = (graph: PipelineDocument, id: string) => graph.nodes.find((n) => n.id === id)!;

describe.each(["sqlite", "postgresql"] as const)("Versions and deploy plans on %s", (provider) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    account = await createTestAccount("editor", "author");
  });

  afterAll(async () => {
    await database?.drop();
  });

  describe("history", () => {
    let id: string;

    it("records the author and message of every version", async () => {
      const created = await create({ name: "History", graph: wordCountTemplate() });
      expect(created.status).toBe(201);
      id = created.body.pipeline.id;
      const saved = await save(id, { graph: variant((g) => (node(g, "non-empty").data.condition = "CHAR_LENGTH(word) > 2")), message: "Only longer words" });
      expect(saved.status).toBe(200);
      const { body } = await versions(id);
      expect(body.versions).toMatchObject([
        { version: 2, message: "Only longer words", author: account.email, nodeCount: 5, deployed: null },
        { version: 1, message: "Created", author: account.email, nodeCount: 5, deployed: null },
      ]);
      expect((await version(id, "2")).body.version).toMatchObject({ version: 2, author: account.email, message: "Only longer words" });
    });

    it("restores a version as the newest one, saying where it came from", async () => {
      const { status, body } = await restore(id, "1", { message: "the filter dropped too much" });
      expect(status).toBe(201);
      expect(body.pipeline.version).toBe(3);
      expect(body.pipeline.graph).toEqual(wordCountTemplate());
      const list = (await versions(id)).body.versions;
      expect(list[0]).toMatchObject({ version: 3, message: "Restored from version 1: the filter dropped too much", author: account.email });
      expect(list).toHaveLength(3);
      // The answers are what the shared schemas say (the browser parses them with these).
      expect(pipelineResponse.parse(body)).toEqual(body);
      const listed = (await versions(id)).body;
      expect(versionListResponse.parse(listed)).toEqual(listed);
    });

    it("refuses to restore a version that does not exist", async () => {
      expect(await restore(id, "9")).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
      expect(await restore(id, "zero")).toMatchObject({ status: 400 });
      expect((await versions(id)).body.versions).toHaveLength(3);
    });

    it("deploys a chosen version and marks it deployed since then", async () => {
      const { status, body } = await deploy(id, { version: 2 });
      expect(status).toBe(202);
      expect(body.deployment.version).toBe(2);
      const list = (await versions(id)).body.versions as { version: number; deployed: { since: string } | null }[];
      expect(list.filter((v) => v.deployed).map((v) => v.version)).toEqual([2]);
      expect(list.find((v) => v.version === 2)!.deployed!.since).toBe(body.deployment.createdAt);
      expect(await deploy(id, { version: 7 })).toMatchObject({ status: 404, body: { error: { message: expect.stringContaining("Version 7") } } });
    });

    it("names the pipeline in the audit log", async () => {
      const events = await listAuditEvents();
      const restored = events.find((e) => e.action === "pipeline.restore" && e.target === id)!;
      expect(restored.targetLabel).toBe("History");
      expect(restored.detail).toMatchObject({ from: 1, version: 3 });
      expect(events.find((e) => e.action === "pipeline.deploy" && e.target === id)!.targetLabel).toBe("History");
    });
  });

  describe("the deploy plan", () => {
    let id: string;

    beforeAll(async () => {
      id = (await create({ name: "Planned", graph: wordCountTemplate() })).body.pipeline.id;
    });

    it("calls all state new on a first deploy, and sources start as configured", async () => {
      const { status, body } = await deploy(id, { dryRun: true });
      expect(status).toBe(200);
      expect(body.deployment).toBeNull();
      expect(body.plan).toMatchObject({ version: 1, previousVersion: null, reset: false, stateful: [{ nodeId: "count", state: "new" }], sources: [{ nodeId: "lines", topic: "test", resumes: "earliest" }] });
      expect((await versions(id)).body.versions[0].deployed).toBeNull();
      expect((await deploy(id, {})).status).toBe(202);
    });

    it("keeps the state of a reduce when only a filter before it was edited", async () => {
      await save(id, { graph: variant((g) => (node(g, "non-empty").data.condition = "CHAR_LENGTH(word) > 3")) });
      const { body } = await deploy(id, { dryRun: true });
      expect(body.plan).toMatchObject({ version: 2, previousVersion: 1, stateful: [{ nodeId: "count", state: "kept", reason: "configuration unchanged" }], sources: [{ nodeId: "lines", resumes: "committed" }], warnings: [] });
    });

    it("resets the state of a reduce whose groupBy changed", async () => {
      await save(id, {
        graph: variant((g) => {
          node(g, "count").data.groupBy = ["word", "word_length"];
          node(g, "words").data.as = "word";
          g.nodes.push({ id: "length", type: "map", position: { x: 700, y: 200 }, data: { fields: [{ name: "word", expression: "word" }, { name: "word_length", expression: "CHAR_LENGTH(word)" }] } });
          g.edges = g.edges.filter((e) => e.id !== "non-empty-count");
          g.edges.push({ id: "non-empty-length", source: "non-empty", target: "length", targetHandle: null }, { id: "length-count", source: "length", target: "count", targetHandle: null });
        }),
      });
      const { status, body } = await deploy(id, { dryRun: true });
      expect(status).toBe(200);
      expect(body.plan.stateful).toEqual([{ nodeId: "count", type: "reduce", label: "Count per word", state: "reset", reason: "groupBy changed", changedFields: ["groupBy"] }]);
      expect(body.plan.warnings).toEqual([expect.stringContaining("Count per word starts with empty state")]);
    });

    it("calls a stateful node added since the running version new", async () => {
      await save(id, {
        graph: variant((g) => {
          g.nodes.push(
            { id: "total", type: "reduce", position: { x: 840, y: 240 }, data: { label: "All words", groupBy: [], aggregations: [{ fn: "count", as: "words" }] } },
            { id: "totals", type: "kafka-sink", position: { x: 1120, y: 240 }, data: { label: "Totals", topic: "totals", format: "json" } },
          );
          g.edges.push({ id: "non-empty-total", source: "non-empty", target: "total", targetHandle: null }, { id: "total-totals", source: "total", target: "totals", targetHandle: null });
        }),
      });
      const { body } = await deploy(id, { dryRun: true });
      expect(body.plan.stateful).toMatchObject([
        { nodeId: "count", state: "kept" },
        { nodeId: "total", state: "new", reason: "not in version 1" },
      ]);
    });

    it("resets everything on request and replays from a timestamp", async () => {
      const { body } = await deploy(id, { dryRun: true, reset: true, startAt: { from: "timestamp", timestamp: "2026-12-02T10:32:00Z" } });
      expect(body.plan).toMatchObject({ reset: true, generation: 1, stateful: [{ nodeId: "count", state: "reset" }, { nodeId: "total", state: "new" }], sources: [{ resumes: "timestamp", description: "test from 2026-12-02T10:32:00.000Z" }] });
      const kept = (await deploy(id, { dryRun: true, startAt: { from: "earliest" } })).body.plan;
      expect(kept.warnings).toEqual([expect.stringContaining("records read again are counted again")]);
    });

    it("answers the plan with the deployment, and a dry run changed nothing", async () => {
      const before = (await versions(id)).body.versions.find((v: { deployed: unknown }) => v.deployed).version;
      expect(before).toBe(1);
      const { status, body } = await deploy(id, {});
      expect(status).toBe(202);
      expect(body.deployment.version).toBe(4);
      expect(body.plan.stateful.map((s: { state: string }) => s.state)).toEqual(["kept", "new"]);
      expect(deployResponse.parse(body)).toEqual(body);
    });

    it("refuses bad replay requests with what is wrong", async () => {
      expect(await deploy(id, { startAt: { from: "yesterday" } })).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
      expect(await deploy(id, { startAt: { from: "timestamp", timestamp: "10:32" } })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("ISO 8601") } } });
      expect(await deploy(id, { startAt: { from: "offsets", offsets: [] } })).toMatchObject({ status: 400 });
      expect(await deploy(id, { runtime: "flink", startAt: { from: "earliest" } })).toMatchObject({ status: 422 });
    });
  });
});
