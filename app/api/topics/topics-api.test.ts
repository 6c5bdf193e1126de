import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTopics, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { searchEvent, type SearchEvent } from "@/lib/schemas/topics";
import { bearer, createTestAccount, testOrigin, type TestAccount } from "@/lib/server/auth/test-accounts";
import { getDb } from "@/lib/server/db/prisma";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import * as topicRoute from "./[name]/route";
import * as messagesRoute from "./[name]/messages/route";
import * as searchRoute from "./[name]/search/route";
import * as topicsRoute from "./route";

/**
 * The topics API on the real broker: list, detail, tail, a search with an
 * expression filter over 100,000 records within its bounds, resumed by its
 * cursor, and the refusals (bad filter, unknown topic, roles).
 */

const records = 100_000;
const none = { params: Promise.resolve({}) };
const named = (name: string) => ({ params: Promise.resolve({ name }) });
const kafka = new Kafka({ clientId: "streamline-topics-test", brokers: testBrokers, logLevel: logLevel.NOTHING });

function send(method: string, path: string, account: TestAccount, body?: unknown, signal?: AbortSignal): Request {
  return new Request(`${testOrigin}${path}`, { method, signal, headers: { ...bearer(account), ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function json(response: Promise<Response>): Promise<{ status: number; body: any }> {
  const answer = await response;
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : null };
}

/** Runs a search and parses every NDJSON line with the shared schema. */
async function search(topic: string, account: TestAccount, body: unknown): Promise<{ status: number; events: SearchEvent[]; error?: any }> {
  const answer = await searchRoute.POST(send("POST", `/api/topics/${topic}/search`, account, body), named(topic));
  const text = await answer.text();
  if (answer.status !== 200) return { status: answer.status, events: [], error: JSON.parse(text) };
  return { status: 200, events: text.trim().split("\n").map((line) => searchEvent.parse(JSON.parse(line))) };
}

const ended = (events: SearchEvent[]) => events.at(-1) as Extract<SearchEvent, { type: "end" }>;
const matchesOf = (events: SearchEvent[]) => events.flatMap((event) => (event.type === "match" ? [event.message] : []));

/** Record i: amount i % 1000, country US for every fourth; key k<i>; a header on every tenth. */
function recordAt(i: number) {
  return { key: `k${i}`, value: JSON.stringify({ id: i, amount: i % 1000, country: i % 4 === 0 ? "US" : "FR" }), partition: i % 3, headers: i % 10 === 0 ? { source: "ten" } : undefined };
}

describe("topics API", () => {
  let database: TestDatabase;
  let viewer: TestAccount;
  let editor: TestAccount;
  const topic = uniqueName("topics-api");
  const created: string[] = [topic];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    viewer = await createTestAccount("viewer");
    editor = await createTestAccount("editor");
    await createTopics([topic], 3);
    // Large batches without compression; idempotent, so a send retried on a new topic's NOT_LEADER is not written twice
    // (which asks for acknowledgement by all replicas: one here).
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const sends: Promise<unknown>[] = [];
      for (let from = 0; from < records; from += 5_000) {
        sends.push(producer.send({ topic, messages: Array.from({ length: Math.min(5_000, records - from) }, (_, k) => recordAt(from + k)) }));
        if (sends.length === 4) await Promise.all(sends.splice(0));
      }
      await Promise.all(sends);
    } finally {
      await producer.disconnect();
    }
  }, 180_000);

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
    await database?.drop();
  });

  it("lists topics filtered by name, with partitions, replication, message count and retention", async () => {
    const { status, body } = await json(topicsRoute.GET(send("GET", `/api/topics?q=${topic.toUpperCase()}`, viewer), none));
    expect(status).toBe(200);
    // The test kit creates topics that keep their records (retention.ms -1): the API says so with null.
    expect(body.topics).toEqual([{ name: topic, partitions: 3, replicationFactor: 1, messages: String(records), retentionMs: null, users: [] }]);
    const names = await json(topicsRoute.GET(send("GET", "/api/topics?view=names", viewer), none));
    expect(names.body.topics).toContainEqual({ name: topic, partitions: 3 });
    expect((await json(topicsRoute.GET(send("GET", "/api/topics?view=everything", viewer), none))).status).toBe(400);
  });

  it("describes a topic's partitions with their offsets, and answers 404 for an unknown topic", async () => {
    const { status, body } = await json(topicRoute.GET(send("GET", `/api/topics/${topic}`, viewer), named(topic)));
    expect(status).toBe(200);
    expect(body.topic.partitionList.map((p: { partition: number }) => p.partition)).toEqual([0, 1, 2]);
    expect(body.topic.partitionList.reduce((sum: number, p: { start: string; end: string }) => sum + Number(p.end) - Number(p.start), 0)).toBe(records);
    const missing = uniqueName("no-such-topic");
    const unknown = await json(topicRoute.GET(send("GET", `/api/topics/${missing}`, viewer), named(missing)));
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "not_found", message: `Topic '${missing}' was not found` } } });
    expect((await json(messagesRoute.GET(send("GET", `/api/topics/${missing}/messages`, viewer), named(missing)))).status).toBe(404);
    expect((await search(missing, viewer, { filter: "amount > 1" })).status).toBe(404);
    expect((await json(topicRoute.GET(send("GET", "/api/topics/bad%20name", viewer), named("bad name")))).status).toBe(400);
  });

  it("tails the latest records, decoded, with raw bytes, and records the read in the audit log", async () => {
    const { status, body } = await json(messagesRoute.GET(send("GET", `/api/topics/${topic}/messages?limit=6`, viewer), named(topic)));
    expect(status).toBe(200);
    expect(body.messages).toHaveLength(6);
    // The newest of each partition: record i is in partition i % 3 at offset floor(i / 3).
    const ends = [0, 1, 2].map((p) => Math.ceil((records - p) / 3));
    for (const message of body.messages) expect(Number(message.offset)).toBeGreaterThanOrEqual(ends[message.partition]! - 6);
    const last = body.messages.at(-1);
    expect(last.value.kind).toBe("json");
    expect(Buffer.from(last.value.raw, "base64").toString()).toBe(JSON.stringify(last.value.value));
    expect(last.key).toMatchObject({ kind: "text", value: `k${last.value.value.id}` });
    const events = await (await getDb()).auditEvent.findMany({ where: { action: "topic.read", target: topic } });
    expect(events.map((event) => JSON.parse(event.detail).kind)).toContain("tail");
  });

  it("searches 100,000 records with an expression filter on the server, within its bounds", { timeout: 120_000 }, async () => {
    const { status, events } = await search(topic, viewer, { filter: "amount > 990 AND country = 'US'", maxRecords: 200_000, maxSeconds: 90, maxMatches: 1000 });
    expect(status).toBe(200);
    const end = ended(events);
    expect(end).toMatchObject({ type: "end", reason: "end", errors: 0, progress: { scanned: records, matched: 200, total: records } });
    const found = matchesOf(events);
    expect(found).toHaveLength(200);
    for (const message of found) expect(message.value.value).toMatchObject({ country: "US", amount: expect.any(Number) });
    expect(new Set(found.map((m) => (m.value.value as { amount: number }).amount))).toEqual(new Set([992, 996]));
    expect(events.some((event) => event.type === "progress")).toBe(true);
    console.log(`[topics] search scanned ${end.progress.scanned} records in ${end.progress.elapsedMs} ms: ${Math.round((end.progress.scanned / end.progress.elapsedMs) * 1000)} records/s`);
  });

  it("filters on the key, headers and partition", { timeout: 120_000 }, async () => {
    // Record 12345 is in partition 0 (12345 % 3); its offset depends on how the parallel batches landed.
    const byKey = await search(topic, viewer, { filter: "key = 'k12345'", partition: 0, maxSeconds: 90 });
    expect(matchesOf(byKey.events).map((m) => m.value.value)).toEqual([{ id: 12345, amount: 345, country: "FR" }]);
    const byHeader = await search(topic, viewer, { filter: "headers.source = 'ten' AND id < 100", partition: 0, maxSeconds: 90 });
    // Partition 0 holds ids divisible by 3; with the header, ids divisible by 30 below 100.
    expect(matchesOf(byHeader.events).map((m) => (m.value.value as { id: number }).id).sort((a, b) => a - b)).toEqual([0, 30, 60, 90]);
    expect(ended(byHeader.events).progress).toMatchObject({ total: Math.ceil(records / 3), scanned: Math.ceil(records / 3) });
  });

  it("stops at its record bound and continues from the cursor without losing or repeating a record", { timeout: 120_000 }, async () => {
    const filter = "amount > 990 AND country = 'US'";
    const first = await search(topic, viewer, { filter, maxRecords: 30_000, maxMatches: 1000, maxSeconds: 90 });
    const firstEnd = ended(first.events);
    expect(firstEnd).toMatchObject({ reason: "records", progress: { scanned: 30_000 } });
    const rest = await search(topic, viewer, { filter, cursor: firstEnd.cursor, maxRecords: 200_000, maxMatches: 1000, maxSeconds: 90 });
    expect(ended(rest.events)).toMatchObject({ reason: "end", progress: { scanned: records - 30_000 } });
    const ids = [...matchesOf(first.events), ...matchesOf(rest.events)].map((m) => `${m.partition}:${m.offset}`);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it("searches an offset range of one partition and stops at its match bound with a cursor", async () => {
    const ranged = await search(topic, viewer, { partition: 1, fromOffset: "10", toOffset: "19", maxSeconds: 90 });
    expect(matchesOf(ranged.events).map((m) => m.offset)).toEqual(["10", "11", "12", "13", "14", "15", "16", "17", "18", "19"]);
    const bounded = await search(topic, viewer, { partition: 2, maxMatches: 5, maxSeconds: 90 });
    expect(ended(bounded.events)).toMatchObject({ reason: "matches", cursor: [{ partition: 2, offset: "5" }] });
  });

  it("refuses an invalid filter with 400 and the expression error's code and position", async () => {
    const syntax = await search(topic, viewer, { filter: "amount > " });
    expect(syntax.status).toBe(400);
    expect(syntax.error.error.details[0]).toMatchObject({ field: "filter", code: "S0202", start: 9, line: 1, column: 10 });
    expect(syntax.error.error.message).toContain("S0202");
    const type = await search(topic, viewer, { filter: "amount > 1 AND nosuchfunction(country)" });
    expect(type.status).toBe(400);
    expect(type.error.error.details[0]).toMatchObject({ code: "T1003", start: 15 });
    const notBoolean = await search(topic, viewer, { filter: "amount + 1" });
    expect(notBoolean.error.error.details[0]).toMatchObject({ code: "T1012", start: 0 });
    expect((await search(topic, viewer, { filter: "amount > 1", partition: 7 })).status).toBe(400);
  });

  it("lets an editor create a topic and produce a test message, and refuses both to a viewer", { timeout: 60_000 }, async () => {
    const fresh = uniqueName("topics-api-created");
    created.push(fresh);
    const refused = await json(topicsRoute.POST(send("POST", "/api/topics", viewer, { name: fresh, partitions: 2 }), none));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    const made = await json(topicsRoute.POST(send("POST", "/api/topics", editor, { name: fresh, partitions: 2, retentionMs: 3_600_000 }), none));
    expect(made).toMatchObject({ status: 201, body: { topic: { name: fresh, partitions: 2, retentionMs: 3_600_000, messages: "0" } } });
    expect((await json(topicsRoute.POST(send("POST", "/api/topics", editor, { name: fresh }), none))).status).toBe(409);
    expect((await json(topicsRoute.POST(send("POST", "/api/topics", editor, { name: "bad name!" }), none))).status).toBe(400);

    const message = { key: "order-1", value: { amount: 120, country: "US" }, headers: { origin: "test" } };
    expect((await json(messagesRoute.POST(send("POST", `/api/topics/${fresh}/messages`, viewer, message), named(fresh)))).status).toBe(403);
    const produced = await json(messagesRoute.POST(send("POST", `/api/topics/${fresh}/messages`, editor, message), named(fresh)));
    expect(produced).toMatchObject({ status: 201, body: { offset: "0" } });
    const tail = await json(messagesRoute.GET(send("GET", `/api/topics/${fresh}/messages`, viewer), named(fresh)));
    expect(tail.body.messages).toEqual([expect.objectContaining({ key: expect.objectContaining({ value: "order-1" }), value: expect.objectContaining({ kind: "json", value: { amount: 120, country: "US" } }), headers: { origin: "test" } })]);
    const missing = uniqueName("no-such-topic");
    expect((await json(messagesRoute.POST(send("POST", `/api/topics/${missing}/messages`, editor, message), named(missing)))).status).toBe(404);
  });

  it("stops a search the client cancels", { timeout: 60_000 }, async () => {
    const controller = new AbortController();
    const answer = await searchRoute.POST(send("POST", `/api/topics/${topic}/search`, viewer, { filter: "amount < 0", maxSeconds: 60 }, controller.signal), named(topic));
    const reader = answer.body!.getReader();
    await reader.read();
    const started = Date.now();
    controller.abort();
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    const end = searchEvent.parse(JSON.parse(text.trim().split("\n").at(-1)!));
    expect(end).toMatchObject({ type: "end", reason: "cancelled" });
    expect((end as Extract<SearchEvent, { type: "end" }>).progress.scanned).toBeLessThan(records);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
