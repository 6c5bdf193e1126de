import { randomBytes } from "node:crypto";
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectionResponse } from "@/lib/schemas/connections";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { Connector } from "@/engine/kafka/guarded-socket-factory";
import { bearer, createTestAccount, sessionHeaders, testOrigin, type TestAccount } from "@/lib/server/auth/test-accounts";
import { connectionClientOptions } from "@/lib/server/connections/connection-client-options";
import { connectionRegistry } from "@/lib/server/connections/connection-registry";
import { decryptSecret } from "@/lib/server/connections/secret-box";
import { getDb } from "@/lib/server/db/prisma";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import * as auditRoute from "../audit/route";
import * as connectionRoute from "./[id]/route";
import * as connectionsRoute from "./route";

/**
 * Kafka connections through the API: secrets are write-only and encrypted at
 * rest, brokers outside the allowlist are refused, and a canary password
 * never shows up in an API answer, a log line or the database file.
 */

const none = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const canary = `CANARY-${randomBytes(12).toString("hex")}`;
/** The Schema Registry's password: as secret as the Kafka one. */
const registryCanary = `REGISTRY-CANARY-${randomBytes(12).toString("hex")}`;
/** Stored in plain text on purpose (a username is not a secret): proves the file scan finds what is there. */
const visibleUsername = `user-${randomBytes(6).toString("hex")}`;

function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Request {
  return new Request(`${testOrigin}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("Kafka connections", () => {
  let database: TestDatabase;
  let admin: TestAccount;
  let viewer: TestAccount;
  const answers: string[] = [];
  const logged: string[] = [];

  async function call(response: Promise<Response>): Promise<{ status: number; body: any }> {
    const result = await response;
    const text = await result.text();
    answers.push(JSON.stringify([...result.headers]) + text);
    return { status: result.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    admin = await createTestAccount("admin");
    viewer = await createTestAccount("viewer");
    // Everything the process writes to its logs from here on, to look for the canary.
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      const original = console[level];
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
        original(...args);
      });
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    }
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await database?.drop();
  });

  let id: string;

  it("stores a connection with SASL and returns it without the password", async () => {
    const created = await call(connectionsRoute.POST(send("POST", "/api/connections", sessionHeaders(admin), { name: "Local SCRAM", brokers: ["localhost:9092", "127.0.0.1:9093"], saslMechanism: "scram-sha-512", username: visibleUsername, password: canary, tls: false }), none));
    expect(created.status).toBe(201);
    expect(created.body.connection).toMatchObject({ name: "Local SCRAM", brokers: ["localhost:9092", "127.0.0.1:9093"], saslMechanism: "scram-sha-512", username: visibleUsername, hasPassword: true, tls: false });
    expect(created.body.connection).not.toHaveProperty("password");
    // Field for field the shape the browser's client parses (lib/schemas/connections.ts).
    expect(connectionResponse.parse(created.body)).toEqual(created.body);
    id = created.body.connection.id;
  });

  it("encrypts the password at rest with AES-256-GCM bound to the connection", async () => {
    const row = await (await getDb()).kafkaConnection.findUniqueOrThrow({ where: { id } });
    expect(row.passwordEncrypted).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(decryptSecret(row.passwordEncrypted, id)).toBe(canary);
    expect(() => decryptSecret(row.passwordEncrypted, "another-connection")).toThrow();
    const [v, iv, tag, ciphertext] = row.passwordEncrypted.split(":");
    const flipped = Buffer.from(ciphertext!, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64")].join(":"), id)).toThrow();
  });

  it("keeps the password when an update omits it, and lets viewers read the list but not change it", async () => {
    const updated = await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { brokers: ["localhost:9092"] }), idParams(id)));
    expect(updated.status).toBe(200);
    expect(updated.body.connection).toMatchObject({ brokers: ["localhost:9092"], hasPassword: true });
    const row = await (await getDb()).kafkaConnection.findUniqueOrThrow({ where: { id } });
    expect(decryptSecret(row.passwordEncrypted, id)).toBe(canary);

    expect((await call(connectionsRoute.GET(send("GET", "/api/connections", bearer(viewer)), none))).status).toBe(200);
    expect((await call(connectionRoute.GET(send("GET", `/api/connections/${id}`, sessionHeaders(viewer)), idParams(id)))).status).toBe(200);
    expect((await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, sessionHeaders(viewer), { name: "Mine now" }), idParams(id)))).status).toBe(403);
    expect((await call(connectionsRoute.POST(send("POST", "/api/connections", bearer(viewer), { name: "x", brokers: ["localhost:9092"] }), none))).status).toBe(403);
  });

  it("stores the cluster's Schema Registry: URL and username shown, the password write-only and encrypted apart from Kafka's", async () => {
    const url = "http://127.0.0.1:8085/apis/ccompat/v6";
    const updated = await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { registryUrl: url, registryUsername: "registry-user", registryPassword: registryCanary }), idParams(id)));
    expect(updated.status).toBe(200);
    expect(updated.body.connection).toMatchObject({ registryUrl: url, registryUsername: "registry-user", hasRegistryPassword: true, hasPassword: true });
    expect(connectionResponse.parse(updated.body)).toEqual(updated.body);
    const db = await getDb();
    const row = await db.kafkaConnection.findUniqueOrThrow({ where: { id } });
    expect(row.registryPasswordEncrypted).toMatch(/^v1:/);
    // Bound to the registry: the ciphertext does not pass for the Kafka password of the same row.
    expect(() => decryptSecret(row.registryPasswordEncrypted, id)).toThrow();
    expect(await connectionRegistry(db, id)).toEqual({ url, username: "registry-user", password: registryCanary });

    // An update that omits the password keeps it; an empty URL removes the registry and its login.
    await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { registryUsername: "other-user" }), idParams(id)));
    expect(await connectionRegistry(db, id)).toEqual({ url, username: "other-user", password: registryCanary });
    const removed = await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { registryUrl: "" }), idParams(id)));
    expect(removed.body.connection).toMatchObject({ registryUrl: "", registryUsername: "", hasRegistryPassword: false });
    expect(await connectionRegistry(db, id)).toBeNull();
    await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { registryUrl: url, registryUsername: "registry-user", registryPassword: registryCanary }), idParams(id)));
  });

  it("refuses a Schema Registry URL that is not http(s), and credentials without a URL, naming the field", async () => {
    for (const [body, field] of [
      [{ registryUrl: "ftp://registry.example.com" }, "registryUrl"],
      [{ registryUrl: "https://user:secret@registry.example.com" }, "registryUrl"],
      [{ registryUrl: "registry.example.com:8081" }, "registryUrl"],
    ] as const) {
      const refused = await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), body), idParams(id)));
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ field })]);
    }
    const orphan = await call(connectionsRoute.POST(send("POST", "/api/connections", bearer(admin), { name: "Orphan login", brokers: ["localhost:9092"], registryUsername: "u", registryPassword: registryCanary }), none));
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.details).toEqual([expect.objectContaining({ field: "registryUrl", message: "Schema Registry credentials need a Schema Registry URL" })]);
  });

  it("refuses raw client properties and unknown fields", async () => {
    const raw = await call(connectionsRoute.POST(send("POST", "/api/connections", bearer(admin), { name: "Raw", brokers: ["localhost:9092"], properties: { "sasl.jaas.config": "x" } }), none));
    expect(raw.status).toBe(400);
    expect(raw.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining("properties") })]));
  });

  // Addresses and "localhost" only: resolving other names would send DNS queries off this machine.
  // Names that resolve to refused addresses are covered with a fake resolver in engine/kafka/broker-policy.test.ts.
  it("refuses brokers outside the allowlist before storing anything", async () => {
    const before = await (await getDb()).kafkaConnection.count();
    for (const brokers of [["169.254.169.254:9092"], ["10.0.0.8:9092"], ["[fe80::1]:9092"], ["[fd00::5]:9092"], ["localhost:9092", "192.168.1.20:9092"]]) {
      const refused = await call(connectionsRoute.POST(send("POST", "/api/connections", bearer(admin), { name: `Bad ${brokers.join()}`, brokers }), none));
      expect(refused.status, brokers.join()).toBe(422);
      expect(refused.body.error.code).toBe("broker_not_allowed");
    }
    const update = await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { brokers: ["169.254.169.254:9092"] }), idParams(id)));
    expect(update.status).toBe(422);
    expect(await (await getDb()).kafkaConnection.count()).toBe(before);
  });

  it("refuses at connect time too: a stored broker the policy no longer allows is never dialled", async () => {
    const db = await getDb();
    await db.kafkaConnection.update({ where: { id }, data: { brokers: JSON.stringify(["169.254.169.254:9092", "10.9.9.9:9092"]), saslMechanism: "none", passwordEncrypted: "" } });
    const attempts: string[] = [];
    const recorder: Connector = ({ host, port, lookup }) => {
      const { Socket } = require("node:net") as typeof import("node:net");
      const socket = new Socket();
      lookup(host, { all: true }, (error) => {
        if (!error) attempts.push(`${host}:${port}`);
        socket.destroy(error ?? new Error("recording connector: not connecting"));
      });
      return socket;
    };
    const options = await connectionClientOptions(db, id, { connect: recorder });
    // The client's log goes to the console like the engine's does, so the canary scan below reads it.
    const client = createKafkajsClient({ ...options, clientId: "canary-test", log: (level, message) => console.warn(`[kafka ${level}] ${message}`) });
    await expect(client.ensureTopics([{ topic: "never" }])).rejects.toThrow();
    await client.close().catch(() => undefined);
    expect(attempts).toEqual([]);
  });

  it("refuses to deploy a pipeline whose sources and sinks name a connection that is not stored", async () => {
    const { wordCountTemplate } = await import("@/engine/graph");
    const { createPipeline } = await import("@/lib/server/pipelines/create-pipeline");
    const deployRoute = await import("../pipelines/[id]/deploy/route");
    const graph = wordCountTemplate();
    for (const node of graph.nodes) if (node.type === "kafka-source" || node.type === "kafka-sink") node.data.connection = "no-such-connection";
    const pipeline = await createPipeline({ name: "On a missing cluster", graph });
    const refused = await call(deployRoute.POST(send("POST", `/api/pipelines/${pipeline.id}/deploy`, bearer(admin)), idParams(pipeline.id)));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({ field: "connection" });
    expect(await (await getDb()).deployment.count({ where: { pipelineId: pipeline.id } })).toBe(0);
  });

  it("never shows the canary password in answers, logs or the database file", async () => {
    // Read every way the API shows connections and what happened to them.
    await call(connectionsRoute.GET(send("GET", "/api/connections", bearer(admin)), none));
    await call(connectionRoute.GET(send("GET", `/api/connections/${id}`, bearer(admin)), idParams(id)));
    await call(auditRoute.GET(send("GET", "/api/audit", bearer(admin)), none));
    // Errors that echo a request: a bad update carrying the canary in the wrong place.
    await call(connectionRoute.PUT(send("PUT", `/api/connections/${id}`, bearer(admin), { password: canary, brokers: "not a list" }), idParams(id)));
    await call(connectionsRoute.POST(send("POST", "/api/connections", bearer(admin), { name: "Echo", brokers: ["localhost:9092"], saslMechanism: "plain", username: "u", password: canary, extra: canary }), none));

    const file = database.url.slice("file:".length);
    const files = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].filter(existsSync);
    const databaseHits = files.reduce((hits, f) => hits + countIn(readFileSync(f), canary) + countIn(readFileSync(f), registryCanary), 0);
    const answerHits = answers.filter((text) => text.includes(canary) || text.includes(registryCanary)).length;
    const logHits = logged.filter((text) => text.includes(canary) || text.includes(registryCanary)).length;
    // The key file sits outside the database, in the data directory.
    const keyDir = path.resolve(process.env.STREAMLINE_DATA_DIR ?? "data");
    const keyFileOutside = existsSync(path.join(keyDir, "secret.key")) ? (statSync(path.join(keyDir, "secret.key")).mode & 0o777).toString(8) : "env";
    console.log(`canary: ${answerHits + logHits + databaseHits} occurrences (${answers.length} API answers, ${logged.length} log writes, ${files.length} database files of ${files.reduce((n, f) => n + statSync(f).size, 0)} bytes; key file mode ${keyFileOutside})`);
    expect({ answerHits, logHits, databaseHits }).toEqual({ answerHits: 0, logHits: 0, databaseHits: 0 });
    // The scans can find things: the username, stored in plain text, is in the file (or its write-ahead log), and the logs are captured.
    expect(files.reduce((hits, f) => hits + countIn(readFileSync(f), visibleUsername), 0)).toBeGreaterThan(0);
    expect(logged.length).toBeGreaterThan(0);
    expect(readdirSync(path.dirname(file)).length).toBeGreaterThan(0);
  });
});

function countIn(bytes: Buffer, needle: string): number {
  let count = 0;
  for (const encoded of [Buffer.from(needle, "utf8"), Buffer.from(needle, "utf16le")]) {
    for (let at = bytes.indexOf(encoded); at !== -1; at = bytes.indexOf(encoded, at + 1)) count += 1;
  }
  return count;
}
