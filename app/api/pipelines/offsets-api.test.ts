import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { createTopics, produce, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { bearer, createTestAccount, type TestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import * as deployRoute from "./[id]/deploy/route";
import * as offsetsRoute from "./[id]/offsets/route";
import * as stopRoute from "./[id]/stop/route";
import * as pipelinesRoute from "./route";

/**
 * Replay through the API on the real broker: `POST /api/pipelines/:id/offsets` moves a
 * stopped pipeline's consumer group to a timestamp or to explicit offsets, and the
 * group's committed offsets are then exactly those (read back from Kafka). No engine
 * runs: a deployment is a row, stopped at once since nobody holds it.
 */

const base = "http://localhost/api/pipelines";
const kafka = new Kafka({ clientId: "offsets-api-test", brokers: testBrokers, logLevel: logLevel.NOTHING });
let account: TestAccount;
let database: TestDatabase;

function call(url: string, body?: unknown): Request {
  const headers: Record<string, string> = { ...bearer(account) };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(url, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function read(response: Response): Promise<{ status: number; body: any }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const resetOffsets = async (id: string, body: unknown) => read(await offsetsRoute.POST(call(`${base}/${id}/offsets`, body), params(id)));

/** The group's committed offsets on the broker, partition by partition. */
async function committed(groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((result?.partitions ?? []).map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
}

describe("Replay through the offsets API on Kafka", () => {
  const topic = uniqueName("offsets-api");
  const before = Date.UTC(2026, 0, 1, 9, 0);
  const at = Date.UTC(2026, 0, 1, 10, 32);
  let id: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    account = await createTestAccount("editor", "replayer");
    await createTopics([topic], 2);
    // Partition 0: 3 records before 10:32, 2 after; partition 1: 1 before, 2 after.
    await produce(topic, [
      ...["a", "b", "c"].map((value) => ({ value, partition: 0, timestamp: before })),
      ...["d", "e"].map((value) => ({ value, partition: 0, timestamp: at + 1_000 })),
      { value: "f", partition: 1, timestamp: before },
      ...["g", "h"].map((value) => ({ value, partition: 1, timestamp: at })),
    ]);
    const created = await read(await pipelinesRoute.POST(call(base, { name: uniqueName("Replay"), graph: wordCountTemplate({ input: topic, output: `${topic}.out` }) }), { params: Promise.resolve({}) }));
    expect(created.status).toBe(201);
    id = created.body.pipeline.id;
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("refuses a pipeline that was never deployed, and one that runs, saying what to do", async () => {
    expect(await resetOffsets(id, { startAt: { from: "earliest" } })).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining("never deployed") } } });
    expect((await read(await deployRoute.POST(call(`${base}/${id}/deploy`, {}), params(id)))).status).toBe(202);
    expect(await resetOffsets(id, { startAt: { from: "earliest" } })).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining("stop it before resetting its offsets") } } });
    expect((await read(await stopRoute.POST(call(`${base}/${id}/stop`), params(id)))).status).toBe(202);
  }, 60_000);

  it("moves the group to the first record at or after a timestamp, exactly, per partition", async () => {
    const { status, body } = await resetOffsets(id, { startAt: { from: "timestamp", timestamp: new Date(at).toISOString() } });
    expect(status).toBe(200);
    expect(body.groupId).toBe(`streamline.${id}.g0`);
    expect([...body.offsets].sort((a: { partition: number }, b: { partition: number }) => a.partition - b.partition)).toEqual([
      { topic, partition: 0, offset: "3" },
      { topic, partition: 1, offset: "1" },
    ]);
    expect(await committed(body.groupId, topic)).toEqual({ 0: "3", 1: "1" });
  }, 60_000);

  it("moves listed partitions to explicit offsets and leaves the others where they were", async () => {
    const { status, body } = await resetOffsets(id, { startAt: { from: "offsets", offsets: [{ topic, partition: 0, offset: 1 }] } });
    expect(status).toBe(200);
    expect(body.offsets).toEqual([{ topic, partition: 0, offset: "1" }]);
    expect(await committed(body.groupId, topic)).toEqual({ 0: "1", 1: "1" });
  }, 60_000);

  it("moves to the end after the last record, and to the start for earliest", async () => {
    await resetOffsets(id, { startAt: { from: "timestamp", timestamp: at + 60_000 } });
    expect(await committed(`streamline.${id}.g0`, topic)).toEqual({ 0: "5", 1: "3" });
    await resetOffsets(id, { startAt: { from: "earliest" } });
    expect(await committed(`streamline.${id}.g0`, topic)).toEqual({ 0: "0", 1: "0" });
  }, 60_000);

  it("refuses offsets of a topic the pipeline does not read, and malformed requests, with what is wrong", async () => {
    expect(await resetOffsets(id, { startAt: { from: "offsets", offsets: [{ topic: "elsewhere", partition: 0, offset: 0 }] } })).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringContaining("Offsets name topic 'elsewhere', which no source of this pipeline reads") } },
    });
    expect(await resetOffsets(id, { startAt: { from: "timestamp", timestamp: "10:32" } })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("ISO 8601") } } });
    expect(await resetOffsets(id, {})).toMatchObject({ status: 400 });
    expect(await resetOffsets(id, { startAt: { from: "offsets", offsets: [{ topic, partition: 0, offset: -1 }] } })).toMatchObject({ status: 400 });
  });
});
