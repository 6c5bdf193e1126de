import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { apiErrorBody } from "@/lib/schemas/api-error";
import { pipelineListResponse, pipelineResponse, versionListResponse, versionResponse } from "@/lib/schemas/pipelines";
import * as versionRoute from "./[id]/versions/[version]/route";
import * as versionsRoute from "./[id]/versions/route";
import * as pipelineRoute from "./[id]/route";
import * as pipelinesRoute from "./route";

/**
 * The pipelines API, exercised through its route handlers against a real
 * database: once on SQLite and once on PostgreSQL.
 */

const base = "http://localhost/api/pipelines";
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

// Every request carries an editor's API token: the API refuses anonymous callers (see route-matrix.test.ts).
let auth: Record<string, string> = {};
function authed(url: string, init: RequestInit = {}): Request {
  return new Request(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } });
}

function jsonRequest(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Request {
  return authed(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function read(response: Response): Promise<{ status: number; body: any }> {
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  // Every refusal has the one error body the browser's client reads.
  if (response.status >= 400) expect(apiErrorBody.parse(body)).toEqual(body);
  return { status: response.status, body };
}

const create = async (body: unknown) => read(await pipelinesRoute.POST(jsonRequest(base, "POST", body), noParams));
const list = async () => read(await pipelinesRoute.GET(authed(base), noParams));
const get = async (id: string) => read(await pipelineRoute.GET(authed(`${base}/${id}`), idParams(id)));
const save = async (id: string, body: unknown) => read(await pipelineRoute.PUT(jsonRequest(`${base}/${id}`, "PUT", body), idParams(id)));
const patch = async (id: string, body: unknown) => read(await pipelineRoute.PATCH(jsonRequest(`${base}/${id}`, "PATCH", body), idParams(id)));
const remove = async (id: string) => read(await pipelineRoute.DELETE(authed(`${base}/${id}`, { method: "DELETE" }), idParams(id)));
const versions = async (id: string) => read(await versionsRoute.GET(authed(`${base}/${id}/versions`), idParams(id)));
const version = async (id: string, n: string) =>
  read(await versionRoute.GET(authed(`${base}/${id}/versions/${n}`), { params: Promise.resolve({ id, version: n }) }));

function brokenGraph(): PipelineDocument {
  const graph = wordCountTemplate();
  graph.nodes.find((node) => node.id === "non-empty")!.data.condition = "";
  graph.edges = graph.edges.filter((edge) => edge.id !== "count-counts");
  return graph;
}

describe.each(["sqlite", "postgresql"] as const)("Pipelines API on %s", (provider) => {
  let database: TestDatabase;
  let snapshot: () => Promise<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    auth = bearer(await createTestAccount("editor"));
    // Everything a rejected request could have changed, read back through the API.
    snapshot = async () => {
      const all = (await list()).body.pipelines as { id: string }[];
      return Promise.all(all.map(async (p) => ({ pipeline: (await get(p.id)).body, versions: (await versions(p.id)).body })));
    };
  });

  afterAll(async () => {
    await database?.drop();
  });

  describe("the happy path", () => {
    let id: string;

    it("creates a pipeline with its first version", async () => {
      const { status, body } = await create({ name: "Word count", description: "Counts words", graph: wordCountTemplate() });
      expect(status).toBe(201);
      expect(body.pipeline).toMatchObject({ name: "Word count", description: "Counts words", version: 1, nodeCount: 5, problems: [] });
      expect(body.pipeline.graph).toEqual(wordCountTemplate());
      id = body.pipeline.id;
    });

    it("lists it", async () => {
      const { status, body } = await list();
      expect(status).toBe(200);
      expect(body.pipelines).toEqual([expect.objectContaining({ id, name: "Word count", version: 1, nodeCount: 5 })]);
    });

    it("saves new versions and returns the latest graph", async () => {
      const graph = wordCountTemplate({ input: "text-lines", output: "counts" });
      const saved = await save(id, { graph, message: "Rename topics" });
      expect(saved.status).toBe(200);
      expect(saved.body.pipeline.version).toBe(2);
      const fetched = await get(id);
      expect(fetched.body.pipeline.version).toBe(2);
      expect(fetched.body.pipeline.graph.nodes[0].data.topic).toBe("text-lines");
    });

    it("keeps every version immutable and readable", async () => {
      const all = await versions(id);
      expect(all.body.versions.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([
        [2, "Rename topics"],
        [1, "Created"],
      ]);
      const first = await version(id, "1");
      expect(first.status).toBe(200);
      expect(first.body.version.graph.nodes[0].data.topic).toBe("test");
    });

    it("renames without creating a version", async () => {
      const renamed = await patch(id, { name: "Words per line", description: "" });
      expect(renamed.status).toBe(200);
      expect(renamed.body.pipeline).toMatchObject({ name: "Words per line", description: "", version: 2 });
    });

    it("keeps a draft with problems when asked to, and reports them", async () => {
      const saved = await save(id, { graph: brokenGraph(), draft: true });
      expect(saved.status).toBe(200);
      expect(saved.body.pipeline.version).toBe(3);
      expect(saved.body.pipeline.problems.map((p: { code: string; nodeId?: string }) => [p.code, p.nodeId])).toEqual([
        ["node.config", "non-empty"],
        ["node.missing-input", "counts"],
      ]);
    });

    it("refuses a save based on an outdated version", async () => {
      const stale = await save(id, { graph: wordCountTemplate(), baseVersion: 2 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain("version 3");
      expect((await save(id, { graph: wordCountTemplate(), baseVersion: 3 })).status).toBe(200);
    });

    it("deletes it with its versions", async () => {
      expect((await remove(id)).status).toBe(204);
      expect((await get(id)).status).toBe(404);
      expect((await versions(id)).status).toBe(404);
      expect((await list()).body.pipelines).toEqual([]);
    });
  });

  describe("bad input changes nothing", () => {
    let id: string;
    let before: unknown;

    beforeAll(async () => {
      id = (await create({ name: "Existing", graph: wordCountTemplate() })).body.pipeline.id;
      await create({ name: "Other", graph: wordCountTemplate() });
      before = await snapshot();
    });

    afterAll(async () => {
      expect(await snapshot()).toEqual(before);
    });

    it("answers 400 to malformed JSON, saying where", async () => {
      const { status, body } = await read(await pipelinesRoute.POST(jsonRequest(base, "POST", '{"name": "x", "graph": {'), noParams));
      expect(status).toBe(400);
      expect(body.error.code).toBe("malformed_json");
      expect(body.error.message).toMatch(/not valid JSON/);
    });

    it("answers 400 to a body with missing or unknown fields, naming them", async () => {
      const missing = await create({ graph: wordCountTemplate() });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe("invalid_request");
      expect(missing.body.error.details).toEqual([expect.objectContaining({ field: "name" })]);
      const unknown = await save(id, { graph: wordCountTemplate(), colour: "blue" });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain("colour");
      const noGraph = await save(id, {});
      expect(noGraph.status).toBe(400);
      expect(noGraph.body.error.details).toEqual([expect.objectContaining({ field: "graph", message: "Graph is required" })]);
      const emptyPatch = await patch(id, {});
      expect(emptyPatch.status).toBe(400);
      const newline = await patch(id, { name: "two\nlines" });
      expect(newline.status).toBe(400);
    });

    it.each([null, [], 42, "text", true])("answers 400 to the JSON body %j", async (body) => {
      expect((await create(body)).status).toBe(400);
      expect((await save(id, body)).status).toBe(400);
    });

    it("answers 404 to an unknown pipeline id on every route", async () => {
      const ghost = "00000000-0000-0000-0000-000000000000";
      for (const response of [await get(ghost), await save(ghost, { graph: wordCountTemplate() }), await patch(ghost, { name: "x" }), await remove(ghost), await versions(ghost), await version(ghost, "1")]) {
        expect(response.status).toBe(404);
        expect(response.body.error).toMatchObject({ code: "not_found" });
        expect(response.body.error.message).toContain(ghost);
      }
    });

    it("answers 404 to an unknown version and 400 to one that is not a number", async () => {
      const missing = await version(id, "99");
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(`Version 99 of pipeline '${id}' was not found`);
      for (const bad of ["0", "-1", "1.5", "abc", "1e3", "99999999999"]) {
        const { status, body } = await version(id, bad);
        expect(status, bad).toBe(400);
        expect(body.error.code).toBe("invalid_request");
      }
    });

    it("answers 413 to a body over 1 MiB, with or without a declared length", async () => {
      const huge = JSON.stringify({ name: "Huge", graph: { ...wordCountTemplate(), padding: "x".repeat(1024 * 1024) } });
      const declared = await read(await pipelinesRoute.POST(jsonRequest(base, "POST", huge), noParams));
      expect(declared.status).toBe(413);
      expect(declared.body.error.code).toBe("payload_too_large");
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < huge.length; i += 64 * 1024) controller.enqueue(encoder.encode(huge.slice(i, i + 64 * 1024)));
          controller.close();
        },
      });
      const chunked = authed(base, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
      expect((await read(await pipelinesRoute.POST(chunked, noParams))).status).toBe(413);
    });

    it("answers 415 to a body that is not JSON", async () => {
      for (const contentType of ["text/plain", "application/x-www-form-urlencoded", ""]) {
        const request = authed(`${base}/${id}`, { method: "PUT", headers: contentType ? { "content-type": contentType } : {}, body: JSON.stringify({ graph: wordCountTemplate() }) });
        const { status, body } = await read(await pipelineRoute.PUT(request, idParams(id)));
        expect(status).toBe(415);
        expect(body.error.code).toBe("unsupported_media_type");
      }
      const charset = authed(base, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ name: "Charset", graph: wordCountTemplate() }) });
      const accepted = await read(await pipelinesRoute.POST(charset, noParams));
      expect(accepted.status).toBe(201);
      expect((await remove(accepted.body.pipeline.id)).status).toBe(204);
    });

    it("answers 422 to an invalid graph with one detail per problem, naming its node or edge", async () => {
      const { status, body } = await save(id, { graph: brokenGraph() });
      expect(status).toBe(422);
      expect(body.error.code).toBe("invalid_graph");
      expect(body.error.message).toMatch(/^The graph has 2 problems: .*Drop empty words/);
      expect(body.error.details).toEqual([
        expect.objectContaining({ code: "node.config", nodeId: "non-empty", field: "condition" }),
        expect.objectContaining({ code: "node.missing-input", nodeId: "counts" }),
      ]);
      const created = await create({ name: "Broken", graph: brokenGraph() });
      expect(created.status).toBe(422);
    });

    it("answers 422 to a structurally broken graph even as a draft", async () => {
      const graph = wordCountTemplate();
      graph.edges.push({ id: "dangling", source: "count", target: "nowhere", targetHandle: null });
      const { status, body } = await save(id, { graph, draft: true });
      expect(status).toBe(422);
      expect(body.error.details).toEqual([expect.objectContaining({ code: "edge.unknown-target", edgeId: "dangling", structural: true })]);
      expect((await save(id, { graph: { version: 1, nodes: "none", edges: [] }, draft: true })).status).toBe(422);
    });

    it("answers in the shapes lib/schemas/pipelines.ts declares, field for field", async () => {
      // The browser parses every answer with these schemas; a field the server adds or drops must show here first.
      const answers = [
        [pipelineListResponse, await list()],
        [pipelineResponse, await get(id)],
        [versionListResponse, await versions(id)],
        [versionResponse, await version(id, "1")],
      ] as const;
      for (const [schema, answer] of answers) {
        expect(answer.status).toBe(200);
        expect(schema.parse(answer.body)).toEqual(answer.body);
      }
    });

    it("answers 409 to a name another pipeline has", async () => {
      const duplicate = await create({ name: "Other", graph: wordCountTemplate() });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toContain("'Other' already exists");
      expect((await patch(id, { name: "Other" })).status).toBe(409);
      expect((await save(id, { graph: wordCountTemplate(), name: "Other" })).status).toBe(409);
    });
  });
});
