import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { createTopics, uniqueName } from "@/engine/runners/kafka-test-kit";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { findLostWrites, percentileOf, runLoad, serverErrors, type Transport } from "./load-clients";
import { routeTransport } from "./route-transport";

/**
 * The small run of the API load test (issue 14): concurrent clients through
 * the route handlers while a separately started engine process runs
 * deployments on the same database — on SQLite (two processes, one file) and
 * on PostgreSQL. The larger run is `npm run bench:load`.
 */

const clients = 12;
const rounds = 3;
const background = 3;

describe.each(["sqlite", "postgresql"] as const)("The API under concurrent clients on %s, with the engine running", (provider) => {
  let database: TestDatabase;
  let engine: ChildProcess | undefined;
  let transport: Transport;
  const input = uniqueName("load-in");
  const output = uniqueName("load-out");
  const graph = wordCountTemplate({ input, output });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    transport = await routeTransport(bearer(await createTestAccount("editor")));
    await createTopics([input, output], 1);
    const { buildEngine } = (await import("../../scripts/build-engine.mjs" as string)) as { buildEngine: () => Promise<string> };
    engine = spawn(process.execPath, ["--enable-source-maps", await buildEngine()], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: database.url, STREAMLINE_TELEMETRY_TOPIC: uniqueName("load-telemetry"), LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  });

  afterAll(async () => {
    if (engine && engine.exitCode === null) {
      engine.kill("SIGTERM");
      await new Promise((resolve) => engine!.once("exit", resolve));
    }
    await database?.drop();
  });

  it(`answers ${clients} clients without a 5xx and loses nothing it acknowledged`, { timeout: 240_000 }, async () => {
    // The engine's steady load: deployments it claims, runs and heart-beats throughout.
    const running: string[] = [];
    for (let i = 0; i < background; i += 1) {
      const created = await transport("POST", "/api/pipelines", { name: `background-${i}`, graph });
      expect(created.status).toBe(201);
      expect((await transport("POST", `/api/pipelines/${created.body.pipeline.id}/deploy`, {})).status).toBe(202);
      running.push(created.body.pipeline.id);
    }
    const statusOf = async (id: string) => (await transport("GET", `/api/pipelines/${id}/status`)).body.deployment?.status as string;
    const deadline = Date.now() + 90_000;
    while ((await Promise.all(running.map(statusOf))).some((status) => status !== "running")) {
      if (Date.now() > deadline) throw new Error(`The background deployments did not all reach running: ${await Promise.all(running.map(statusOf))}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const result = await runLoad({ transport, clients, rounds, graph, prefix: uniqueName("load"), deployEvery: 2, busyRetries: 0 });
    const lost = await findLostWrites(transport, result);
    console.log(
      `[load ${provider}] ${result.requests} requests in ${(result.durationMs / 1000).toFixed(1)} s, p50 ${percentileOf(result.latencies, 50).toFixed(0)} ms, p99 ${percentileOf(result.latencies, 99).toFixed(0)} ms, statuses ${JSON.stringify(result.statuses)}`,
    );
    expect(result.failures).toEqual([]);
    expect(serverErrors(result)).toBe(0);
    expect(lost).toEqual([]);
    expect(result.requests).toBeGreaterThanOrEqual(clients * rounds * 5);
    // The engine kept its deployments alive throughout.
    expect(await Promise.all(running.map(statusOf))).toEqual(running.map(() => "running"));
  });
});
