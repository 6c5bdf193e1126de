import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "@/engine/runners/kafka-test-kit";
import { bearer, createTestAccount, testOrigin, type TestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import * as deployRoute from "@/app/api/pipelines/[id]/deploy/route";
import * as connectionsRoute from "@/app/api/connections/route";

/**
 * A pipeline on a stored Kafka connection uses that connection's Schema
 * Registry (the real local Apicurio Registry), not SCHEMA_REGISTRY_URL: at
 * deploy its Avro sink's schema is registered there, and refused there with
 * the node named when the registry's compatibility rules reject it. On
 * PostgreSQL, so migration 0007 runs on both databases (the API test runs SQLite).
 */

let database: TestDatabase;
let admin: TestAccount;
let registryUrl: string;
const serverRegistry = process.env.SCHEMA_REGISTRY_URL;

beforeAll(async () => {
  const { startRegistry } = (await import("../../../scripts/registry.mjs" as string)) as { startRegistry: () => Promise<{ url: string }> };
  registryUrl = (await startRegistry()).url;
  // The server's own registry must not be what answers: nodes on the connection must use the connection's.
  process.env.SCHEMA_REGISTRY_URL = "http://127.0.0.1:1/not-this-one";
  database = await createTestDatabase("postgresql");
  admin = await createTestAccount("admin");
}, 900_000);

afterAll(async () => {
  if (serverRegistry === undefined) delete process.env.SCHEMA_REGISTRY_URL;
  else process.env.SCHEMA_REGISTRY_URL = serverRegistry;
  await database?.drop();
});

function post(path: string, body?: unknown): Request {
  return new Request(`${testOrigin}${path}`, { method: "POST", headers: { ...bearer(admin), ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function pipelineOnConnection(connectionId: string, output: string) {
  const graph = wordCountTemplate({ input: uniqueName("registry-conn-in"), output });
  for (const node of graph.nodes) {
    if (node.type === "kafka-source" || node.type === "kafka-sink") node.data.connection = connectionId;
    if (node.type === "kafka-sink") node.data.format = "avro";
  }
  return createPipeline({ name: uniqueName("on-connection-registry"), graph });
}

describe("A pipeline on a connection with a Schema Registry", () => {
  it("registers its Avro sink's schema in the connection's registry, and is refused naming the sink when that registry rejects it", async () => {
    const created = await connectionsRoute.POST(post("/api/connections", { name: uniqueName("with-registry"), brokers: ["127.0.0.1:9092"], registryUrl }), { params: Promise.resolve({}) });
    expect(created.status).toBe(201);
    const connectionId = ((await created.json()) as { connection: { id: string } }).connection.id;
    const registry = new SchemaRegistry({ host: registryUrl });

    const accepted = uniqueName("registry-conn-out");
    const first = await pipelineOnConnection(connectionId, accepted);
    const deployed = await deployRoute.POST(post(`/api/pipelines/${first.id}/deploy`, {}), { params: Promise.resolve({ id: first.id }) });
    expect(deployed.status, await deployed.clone().text()).toBe(202);
    const latest = await registry.getLatestSchemaId(`${accepted}-value`);
    expect(await fetch(`${registryUrl}/schemas/ids/${latest}`).then((r) => r.json())).toMatchObject({ schema: expect.stringContaining('"word"') });

    const rejected = uniqueName("registry-conn-out");
    await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify({ type: "record", name: "Counts", fields: [{ name: "word", type: "int" }] }) }, { subject: `${rejected}-value` });
    const config = await fetch(`${registryUrl}/config/${rejected}-value`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ compatibility: "BACKWARD" }) });
    expect(config.status).toBe(200);
    const second = await pipelineOnConnection(connectionId, rejected);
    const refused = await deployRoute.POST(post(`/api/pipelines/${second.id}/deploy`, {}), { params: Promise.resolve({ id: second.id }) });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; details: { nodeId: string; message: string }[] } };
    expect(body.error.code).toBe("invalid_graph");
    expect(body.error.details).toEqual([expect.objectContaining({ nodeId: "counts", message: expect.stringContaining(`Sink 'counts': The Schema Registry refused the schema for subject '${rejected}-value' as incompatible`) })]);
  });
});
