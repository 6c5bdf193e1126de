import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "@/engine/runners/kafka-test-kit";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import type { Transport } from "@/bench/load/load-clients";
import { routeTransport } from "@/bench/load/route-transport";
import { countWords, kafkaAt, loudLines, startEngine, waitFor, wordLines, type EngineProcess } from "./engine-process-kit";

/**
 * A broker outage under the engine process (issue 14), on a broker of its own:
 * scripts/kafka.mjs starts a second broker on port 9192 (its own data folder),
 * so stopping it disturbs no other test. Two word counts run through the stop
 * and the restart; each logs one warning and one recovery line, shows
 * `degraded: Kafka unreachable` meanwhile, and counts exactly afterwards.
 */

const port = 9192;
const brokers = [`127.0.0.1:${port}`];
const kafkaScript = (command: "start" | "stop" | "reset") =>
  promisify(execFile)(process.execPath, ["scripts/kafka.mjs", command], {
    env: { ...process.env, KAFKA_BROKERS: "", KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_HEAP_OPTS: "-Xmx384m -Xms128m", KAFKA_START_TIMEOUT_MS: "180000" },
    timeout: 240_000,
  });

describe("The engine through a restart of its broker (dedicated broker on 9192)", () => {
  let database: TestDatabase;
  let engine: EngineProcess | undefined;
  let api: Transport;
  const kafka = kafkaAt(brokers);

  beforeAll(async () => {
    await kafkaScript("start");
    database = await createTestDatabase("sqlite");
    api = await routeTransport(bearer(await createTestAccount("editor")));
  });

  afterAll(async () => {
    await engine?.stop();
    // Stops the dedicated broker and deletes its data: the next run starts from an empty, quickly loaded log.
    await kafkaScript("reset");
    await database?.drop();
  });

  it("logs one warning per deployment while the broker is away, one recovery line each, and counts exactly", { timeout: 300_000 }, async () => {
    const pipelines = [0, 1].map((i) => ({ input: uniqueName(`outage-in-${i}`), output: uniqueName(`outage-out-${i}`), id: "", deployment: "" }));
    await kafka.createTopics(pipelines.flatMap((p) => [p.input, p.output]));
    engine = await startEngine({ DATABASE_URL: database.url, KAFKA_BROKERS: brokers.join(","), STREAMLINE_TELEMETRY_TOPIC: uniqueName("outage-telemetry"), LOG_LEVEL: "info" });

    const status = async (id: string) => (await api("GET", `/api/pipelines/${id}/status`)).body.deployment as { id: string; status: string; error: string | null };
    const seen = async () => ({ deployments: await Promise.all(pipelines.map((p) => status(p.id))), log: engine!.lines.slice(-15).map((line) => `${line.level}: ${line.msg}`) });
    for (const pipeline of pipelines) {
      const created = await api("POST", "/api/pipelines", { name: pipeline.input, graph: wordCountTemplate(pipeline) });
      expect(created.status).toBe(201);
      pipeline.id = created.body.pipeline.id;
      expect((await api("POST", `/api/pipelines/${pipeline.id}/deploy`, {})).status).toBe(202);
    }
    await waitFor("both deployments running", async () => (await Promise.all(pipelines.map((p) => status(p.id)))).every((d) => d?.status === "running"), 90_000, seen);
    for (const pipeline of pipelines) pipeline.deployment = (await status(pipeline.id)).id;

    const before = wordLines(200, 1);
    for (const pipeline of pipelines) await kafka.produce(pipeline.input, before);
    for (const pipeline of pipelines) expect((await kafka.wordCounts(pipeline.output, countWords(before))).latest).toEqual(countWords(before));
    // A normal start and deploy: nothing at warn or error.
    expect(loudLines(engine.lines)).toEqual([]);

    const outageFrom = engine.lines.length;
    await kafkaScript("stop");
    await waitFor(
      "both deployments degraded: Kafka unreachable",
      async () => (await Promise.all(pipelines.map((p) => status(p.id)))).every((d) => d.status === "degraded" && /Kafka unreachable since/.test(d.error ?? "")),
      90_000,
      seen,
    );
    // Long enough for the runners' retries (0.5 s, 1 s, 2 s, 4 s …) to have failed a few times.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const duringOutage = engine.lines.slice(outageFrom);

    await kafkaScript("start");
    const recoveryFrom = engine.lines.length;
    await waitFor("both deployments running again", async () => (await Promise.all(pipelines.map((p) => status(p.id)))).every((d) => d.status === "running"), 120_000, seen);

    const after = wordLines(100, 2);
    for (const pipeline of pipelines) await kafka.produce(pipeline.input, after);
    const all = countWords([...before, ...after]);
    for (const pipeline of pipelines) {
      const { latest, broken } = await kafka.wordCounts(pipeline.output, all);
      expect(latest).toEqual(all);
      // Exactly once: no line counted twice across the outage.
      expect(broken).toEqual([]);
    }

    // One warning per deployment for the whole outage, naming the deployment, and nothing at error.
    const warnings = duringOutage.filter((line) => line.level === "warn" || line.level === "error");
    expect(warnings.map((line) => line.deployment).sort(), `warnings: ${JSON.stringify(warnings)}`).toEqual(pipelines.map((p) => p.deployment).sort());
    expect(warnings.every((line) => line.level === "warn" && /Kafka unreachable since/.test(line.msg))).toBe(true);
    // One info line per deployment when it is back, and no warning during the recovery.
    const recovery = engine.lines.slice(recoveryFrom);
    expect(loudLines(recovery)).toEqual([]);
    const recovered = engine.lines.filter((line) => line.level === "info" && /recovered/.test(line.msg));
    expect(recovered.map((line) => line.deployment).sort()).toEqual(pipelines.map((p) => p.deployment).sort());
  });
});
