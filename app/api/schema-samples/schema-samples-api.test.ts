import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTopics, produce, uniqueName } from "@/engine/runners/kafka-test-kit";
import { apiErrorBody } from "@/lib/schemas/api-error";
import { sampleSchemaResponse } from "@/lib/schemas/topic-schema";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import * as route from "./route";

/** The schema-sample API through its route handler, on SQLite and the real broker. */

const url = "http://localhost/api/schema-samples";
let database: TestDatabase;
let auth: Record<string, string> = {};

async function sample(body: unknown): Promise<{ status: number; body: any }> {
  const response = await route.POST(new Request(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
  const parsed = JSON.parse(await response.text());
  if (response.status >= 400) apiErrorBody.parse(parsed);
  return { status: response.status, body: parsed };
}

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) {
    const { startBroker } = (await import("../../../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
    await startBroker();
  }
  database = await createTestDatabase("sqlite");
  auth = bearer(await createTestAccount("editor"));
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe("POST /api/schema-samples", () => {
  it("answers a topic's inferred fields with types, presence, examples and suggestions", { timeout: 60_000 }, async () => {
    const topic = uniqueName("schema-api");
    await createTopics([topic]);
    await produce(topic, Array.from({ length: 30 }, (_, i) => ({ id: `o${i}`, country: i % 2 ? "US" : "DE", amount: i + 0.5, at: Date.UTC(2026, 0, 1) + i * 1000 })));
    const { status, body } = await sample({ topic, format: "json" });
    expect(status).toBe(200);
    const schema = sampleSchemaResponse.parse(body).schema;
    expect(schema).toMatchObject({ topic, format: "json", sampled: 30, undecodable: 0 });
    expect(schema.fields.map((field) => [field.name, field.type, field.presence])).toEqual([
      ["id", "STRING", 1],
      ["country", "STRING", 1],
      ["amount", "DOUBLE", 1],
      ["at", "BIGINT", 1],
    ]);
    expect(schema.suggestions.identityKeys[0]!.field).toBe("id");
    expect(schema.suggestions.groupKeys.map((key) => key.field)).toEqual(["country"]);
    expect(schema.suggestions.eventTime.map((candidate) => candidate.field)).toEqual(["at"]);
  });

  it("says an empty topic has no records instead of failing", { timeout: 60_000 }, async () => {
    const topic = uniqueName("schema-api-empty");
    await createTopics([topic]);
    const { status, body } = await sample({ topic, format: "json" });
    expect(status).toBe(200);
    expect(body.schema).toMatchObject({ sampled: 0, fields: [] });
  });

  it("refuses a bad body with what is wrong, and an unknown connection with 404", async () => {
    const bad = await sample({ topic: "no spaces allowed", format: "xml" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Topic names may contain only");
    const missing = await sample({ topic: "orders", format: "json", connection: "nope" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("Kafka connection 'nope' was not found");
  });
});
