import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "@/engine/runners/kafka-test-kit";
import { getDb, type Db } from "@/lib/server/db/prisma";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import type { DeploymentRuntime, RunBase } from "./deployment-runtime";
import { Reconciler } from "./reconciler";

/**
 * A slow start (a Flink submit, a stop with a savepoint) blocks the loop's tick. The leases of the
 * deployments the loop holds, and of the one it is starting, must be renewed meanwhile: otherwise
 * the others read as unresponsive and another engine could claim them.
 */

const leaseMs = 4_000;

/** A runtime whose starts take `slowMs` for the deployments named slow, and no time otherwise. */
function runtimeWithSlowStarts(slow: Set<string>, slowMs: number): DeploymentRuntime<RunBase> {
  return {
    kind: "embedded",
    leaseMs,
    ownerTag: "lease-test-",
    logPrefix: "",
    outlivesEngine: false,
    resumes: () => false,
    start: async (deployment) => {
      if (slow.has(deployment.id)) await new Promise((r) => setTimeout(r, slowMs));
      return { ok: true, run: { deploymentId: deployment.id, pipelineId: deployment.pipelineId, version: deployment.version, status: "running", error: null } };
    },
    stop: async () => ({ error: null }),
    abandon: async () => undefined,
    refresh: async () => undefined,
    stats: () => undefined,
    telemetry: async () => [],
  };
}

describe("The reconciler during a slow start", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    db = await getDb();
  });

  afterAll(async () => {
    await database?.drop();
  });

  const pipelineNamed = async (name: string) =>
    (await createPipeline({ name: uniqueName(name), graph: wordCountTemplate({ input: uniqueName("lease-in"), output: uniqueName("lease-out") }) })).id;

  async function deploymentOf(pipelineId: string): Promise<string> {
    const id = randomUUID();
    await db.deployment.create({ data: { id, pipelineId, version: 1 } });
    return id;
  }

  it("keeps renewing the leases of the running deployments and of the one it starts", { timeout: 60_000 }, async () => {
    const slowStarts = new Set<string>();
    // Both pipelines first: between the two ticks nothing may take long, or the first lease lapses before the test looks.
    const [first, second] = [await pipelineNamed("Runs already"), await pipelineNamed("Starts slowly")];
    const running = await deploymentOf(first);
    const reconciler = new Reconciler(runtimeWithSlowStarts(slowStarts, leaseMs * 3), { db, log: () => undefined });
    await reconciler.tick();
    expect(reconciler.runningDeploymentIds()).toEqual([running]);

    // The same loop now meets a deployment whose start takes three leases long.
    const slow = await deploymentOf(second);
    slowStarts.add(slow);
    const tick = reconciler.tick();
    const seen: { running: Date | null; slow: Date | null; at: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < leaseMs * 3 - 500) {
      await new Promise((r) => setTimeout(r, 500));
      const rows = await db.deployment.findMany({ where: { id: { in: [running, slow] } } });
      const lease = (id: string) => rows.find((row) => row.id === id)!.leaseUntil;
      seen.push({ running: lease(running), slow: lease(slow), at: Date.now() });
    }
    await tick;

    // At every look, both leases were in the future: neither could have been claimed by another engine.
    for (const look of seen) {
      expect(look.running!.getTime(), JSON.stringify(look)).toBeGreaterThan(look.at);
      expect(look.slow!.getTime(), JSON.stringify(look)).toBeGreaterThan(look.at);
    }
    expect(reconciler.runningDeploymentIds().sort()).toEqual([running, slow].sort());
  });
});
