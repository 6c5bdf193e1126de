import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import type { Transport } from "@/bench/load/load-clients";
import { routeTransport } from "@/bench/load/route-transport";
import { countWords, kafkaAt, startEngine, waitFor, wordLines, type EngineProcess } from "./engine-process-kit";

/**
 * 25 pipelines deployed at once (issue 14) on the default database (SQLite),
 * with two engine processes competing for the claims: every deploy is
 * accepted (no 5xx), every deployment ends `running` on exactly one engine
 * (none lost, none claimed twice) and counts its words exactly.
 */

const count = 25;

/** A port nobody listens on now, for an engine's /healthz. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident memory of a process in MB (Linux). */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

describe(`${count} deployments at once on two engine processes (SQLite)`, () => {
  let database: TestDatabase;
  let api: Transport;
  const engines: { process: EngineProcess; port: number }[] = [];
  const kafka = kafkaAt(testBrokers);

  beforeAll(async () => {
    if (!process.env.KAFKA_BROKERS) {
      const { startBroker } = (await import("../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
      await startBroker();
    }
    database = await createTestDatabase("sqlite");
    api = await routeTransport(bearer(await createTestAccount("editor")));
  });

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.process.stop()));
    await database?.drop();
  });

  it("accepts every deploy, runs each deployment on exactly one engine, and counts exactly", { timeout: 480_000 }, async () => {
    const pipelines = Array.from({ length: count }, (_, i) => ({ input: uniqueName(`many-in-${i}`), output: uniqueName(`many-out-${i}`), id: "" }));
    await kafka.createTopics(pipelines.flatMap((p) => [p.input, p.output]));
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      engines.push({ port, process: await startEngine({ DATABASE_URL: database.url, STREAMLINE_TELEMETRY_TOPIC: uniqueName("many-telemetry"), ENGINE_HEALTH_PORT: String(port), LOG_LEVEL: "warn" }) });
    }
    await waitFor("both engines healthy", async () => (await Promise.all(engines.map((e) => fetch(`http://127.0.0.1:${e.port}/healthz`).then((r) => r.ok, () => false)))).every(Boolean), 120_000);
    const idleRss = engines.map((e) => rssMb(e.process.child.pid!));
    const progress = (what: string) => console.log(`[many deployments] ${new Date().toISOString().slice(11, 19)} ${what}`);
    progress("engines healthy");

    const created = await Promise.all(pipelines.map((p) => api("POST", "/api/pipelines", { name: p.input, graph: wordCountTemplate(p) })));
    expect(created.map((answer) => answer.status)).toEqual(pipelines.map(() => 201));
    created.forEach((answer, i) => (pipelines[i]!.id = answer.body.pipeline.id));

    const begin = Date.now();
    const deploys = await Promise.all(pipelines.map((p) => api("POST", `/api/pipelines/${p.id}/deploy`, {})));
    expect(deploys.map((answer) => answer.status)).toEqual(pipelines.map(() => 202));
    const statuses = async () => Promise.all(pipelines.map(async (p) => (await api("GET", `/api/pipelines/${p.id}/status`)).body.deployment?.status as string));
    const tally = async () => {
      const rows = await Promise.all(pipelines.map(async (p) => (await api("GET", `/api/pipelines/${p.id}/status`)).body.deployment as { status: string; error: string | null }));
      return { statuses: rows.reduce<Record<string, number>>((sum, row) => ({ ...sum, [row?.status ?? "none"]: (sum[row?.status ?? "none"] ?? 0) + 1 }), {}), errors: [...new Set(rows.map((row) => row?.error).filter(Boolean))].slice(0, 3) };
    };
    await waitFor(`all ${count} deployments running`, async () => (await statuses()).every((status) => status === "running"), 300_000, tally);
    const allRunningMs = Date.now() - begin;
    progress(`all running after ${(allRunningMs / 1000).toFixed(1)} s`);

    const lines = wordLines(30, 7);
    await Promise.all(pipelines.map((p) => kafka.produce(p.input, lines)));
    const outputs = await kafka.manyWordCounts(pipelines.map((p) => p.output), countWords(lines), 120_000);
    for (const pipeline of pipelines) {
      expect(outputs[pipeline.output]!.latest, pipeline.output).toEqual(countWords(lines));
      expect(outputs[pipeline.output]!.broken, pipeline.output).toEqual([]);
    }

    // Claims: the two engines' running sets are disjoint and cover every deployment, as the rows say.
    const held = await Promise.all(engines.map(async (e) => ((await (await fetch(`http://127.0.0.1:${e.port}/healthz`)).json()) as { ownerId: string; deployments: string[] })));
    const rows = await (await getDb()).deployment.findMany({ where: { pipelineId: { in: pipelines.map((p) => p.id) } }, select: { id: true, ownerId: true, status: true } });
    expect(rows).toHaveLength(count);
    const all = held.flatMap((h) => h.deployments);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(rows.map((row) => row.id).sort());
    for (const row of rows) expect(held.find((h) => h.deployments.includes(row.id))?.ownerId).toBe(row.ownerId);
    // Nothing at error in either engine's log (the threshold here is warn).
    expect(engines.flatMap((e) => e.process.lines.filter((line) => line.level === "error").map((line) => line.msg))).toEqual([]);

    console.log(
      `[many deployments] ${count} running ${(allRunningMs / 1000).toFixed(1)} s after the deploys; split ${held.map((h) => h.deployments.length).join(" + ")}; engine RSS idle ${idleRss.join(", ")} MB, with deployments ${engines.map((e) => rssMb(e.process.child.pid!)).join(", ")} MB`,
    );
  });
});
