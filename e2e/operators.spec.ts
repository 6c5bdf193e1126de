import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { emptyGraph, uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { canvasNode, connect, dragFromPalette, fillField, inspector } from "./support/editor";
import { collectJson, createTopic, testKafka, uniqueToken } from "./support/kafka";

/** A record of these specs: an id unique to the run, and what the pipeline decides on. */
type Item = { id: string; amount?: number; from?: string };

/** A record value sent with its Kafka timestamp (the event time the engine reads when no time field is set). */
type Timed = { value: Item; at: number };

// @exclusive: it SIGKILLs the shared engine, so it runs alone (playwright.config.ts).
test.describe("Route, union and deduplicate, built in the editor and deployed", { tag: "@exclusive" }, () => {
  test("routes each record to the first output whose condition holds, or the default, exactly once", async ({ page, request }) => {
    test.setTimeout(240_000);
    const token = uniqueToken("rt");
    const topics = { input: `e2e-route-in-${token}`, large: `e2e-route-large-${token}`, medium: `e2e-route-medium-${token}`, rest: `e2e-route-rest-${token}` };
    for (const topic of Object.values(topics)) await createTopicSettled(topic);
    const pipeline = await seedPipeline(request, { name: uniqueName("Route"), graph: emptyGraph });

    try {
      await page.goto(`/pipelines/${pipeline.id}`);
      // The first page of a fresh server can take a while on a busy machine.
      await expect(page.getByTestId("canvas-empty")).toBeVisible({ timeout: 60_000 });

      const { source, route, sinks } = await test.step("drag a source, a route and three sinks from the palette and fill in their forms", async () => {
        const source = await addNode(page, "kafka-source", { x: 120, y: 260 });
        await inspector(page).getByTestId("field-topic").fill(topics.input);

        const route = await addNode(page, "route", { x: 420, y: 260 });
        await inspector(page).getByTestId("field-routes.0.name").fill("large");
        await fillField(page, { kind: "expression", testId: "field-routes.0.condition", value: "amount > 100" });
        await inspector(page).getByTestId("add-routes").click();
        await inspector(page).getByTestId("field-routes.1.name").fill("medium");
        await fillField(page, { kind: "expression", testId: "field-routes.1.condition", value: "amount > 10" });

        const sinks: Record<"large" | "medium" | "default", string> = { large: "", medium: "", default: "" };
        for (const [output, topic, y] of [["large", topics.large, 90], ["medium", topics.medium, 270], ["default", topics.rest, 450]] as const) {
          sinks[output] = await addNode(page, "kafka-sink", { x: 720, y });
          await inspector(page).getByTestId("field-topic").fill(topic);
        }
        return { source, route, sinks };
      });

      await test.step("connect the source to the route and each of its three outputs to a sink", async () => {
        await connect(page, { source, target: route, targetHandle: null });
        for (const output of ["large", "medium", "default"] as const) {
          await canvasNode(page, route).getByTestId(`output-${output}`).dragTo(canvasNode(page, sinks[output]).locator(".react-flow__handle.target"));
        }
        await expect(page.locator(".react-flow__edge")).toHaveCount(4);
        await expect(page.getByTestId("problem-count")).toHaveText("0");
      });

      await deploy(page);

      // 150 and 500 also pass `amount > 10`: the first output whose condition holds takes them, and only it.
      const amounts = [500, 150, 101, 100, 50, 11, 10, 5, 0];
      const items = amounts.map((amount, index) => ({ id: `${token}-${index}`, amount }));
      await produceTimed(topics.input, items.map((value) => ({ value, at: Date.now() })));

      await test.step("each sink holds exactly the records of its output, each once", async () => {
        const expected = {
          large: items.filter((item) => item.amount > 100),
          medium: items.filter((item) => item.amount <= 100 && item.amount > 10),
          default: items.filter((item) => item.amount <= 10),
        };
        for (const [output, topic] of [["large", topics.large], ["medium", topics.medium], ["default", topics.rest]] as const) {
          const ids = await readIds(topic, token, expected[output].map((item) => item.id));
          expect(ids, `sink of output '${output}'`).toEqual(expected[output].map((item) => item.id).sort());
        }
      });
    } finally {
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });

  test("merges two sources, passes each key once per window, and still once after the engine was killed and restarted", async ({ page, request }) => {
    test.setTimeout(300_000);
    const token = uniqueToken("dd");
    const topics = { a: `e2e-dedup-a-${token}`, b: `e2e-dedup-b-${token}`, output: `e2e-dedup-out-${token}` };
    for (const topic of Object.values(topics)) await createTopicSettled(topic);
    const pipeline = await seedPipeline(request, { name: uniqueName("Union and deduplicate"), graph: emptyGraph });

    try {
      await page.goto(`/pipelines/${pipeline.id}`);
      // The first page of a fresh server can take a while on a busy machine.
      await expect(page.getByTestId("canvas-empty")).toBeVisible({ timeout: 60_000 });

      const ids = await test.step("drag two sources, a union, a deduplicate and a sink from the palette and fill in their forms", async () => {
        // Drop points are node centres inside the pane, clear of the inspector on its right (a node is about 210 px wide).
        // Idle timeout 0: a source whose records the engine has not fetched yet never lets the other source's
        // clock record close the window alone (with the default 5 s it may, and its records then come late).
        const first = await addNode(page, "kafka-source", { x: 120, y: 120 });
        await inspector(page).getByTestId("field-topic").fill(topics.a);
        await inspector(page).getByTestId("field-idleTimeoutMs").fill("0");
        const second = await addNode(page, "kafka-source", { x: 120, y: 420 });
        await inspector(page).getByTestId("field-topic").fill(topics.b);
        await inspector(page).getByTestId("field-idleTimeoutMs").fill("0");
        const union = await addNode(page, "union", { x: 350, y: 270 });
        const dedup = await addNode(page, "deduplicate", { x: 580, y: 130 });
        // The default window (one minute of event time) stays.
        await inspector(page).getByTestId("field-key").fill("id");
        const sink = await addNode(page, "kafka-sink", { x: 580, y: 430 });
        await inspector(page).getByTestId("field-topic").fill(topics.output);
        return { first, second, union, dedup, sink };
      });

      await test.step("connect both sources to the union, and the union through the deduplicate to the sink", async () => {
        await connect(page, { source: ids.first, target: ids.union, targetHandle: null });
        await connect(page, { source: ids.second, target: ids.union, targetHandle: null });
        await connect(page, { source: ids.union, target: ids.dedup, targetHandle: null });
        await connect(page, { source: ids.dedup, target: ids.sink, targetHandle: null });
        await expect(page.locator(".react-flow__edge")).toHaveCount(4);
        await expect(page.getByTestId("problem-count")).toHaveText("0");
      });

      await deploy(page);

      // Event time an hour ago, on a minute boundary: the records of one window [base, base + 1 min).
      const base = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
      const item = (key: string, from: string): Item => ({ id: `${token}-${key}`, from });
      const firstBatch = {
        a: [
          { value: item("a", "a1"), at: base + 1_000 },
          { value: item("b", "a2"), at: base + 2_000 },
          { value: item("a", "a3"), at: base + 3_000 },
          { value: item("c", "a4"), at: base + 4_000 },
        ],
        b: [
          { value: item("a", "b1"), at: base + 1_500 },
          { value: item("b", "b2"), at: base + 2_500 },
          { value: item("d", "b3"), at: base + 5_000 },
          { value: item("d", "b4"), at: base + 6_000 },
        ],
      };
      // A record three minutes later on both topics moves the watermark past the first window, which closes.
      const clock = (key: string, at: number): Timed[] => [{ value: item(key, "clock"), at }];

      await test.step("records with duplicates across both sources come out once per key", async () => {
        await produceTimed(topics.a, [...firstBatch.a, ...clock("clock1", base + 180_000)]);
        await produceTimed(topics.b, [...firstBatch.b, ...clock("clock1", base + 180_000)]);
        const seen = await readIds(topics.output, token, ["a", "b", "c", "d"].map((key) => `${token}-${key}`));
        expect(seen).toEqual(["a", "b", "c", "d"].map((key) => `${token}-${key}`).sort());
      });

      await test.step("kill the engine; it comes back and takes the deployment over", async () => {
        await restartEngine(request, pipeline.id);
      });

      await test.step("the same duplicates again, after the restart, still leave each key once", async () => {
        await produceTimed(topics.a, firstBatch.a);
        await produceTimed(topics.b, firstBatch.b);
        // A new key in the window the clock record opened (kept across the restart), then a clock that closes it.
        await produceTimed(topics.a, [{ value: item("e", "a5"), at: base + 200_000 }, ...clock("clock2", base + 400_000)]);
        await produceTimed(topics.b, clock("clock2", base + 400_000));
        const expected = ["a", "b", "c", "d", "e", "clock1"].map((key) => `${token}-${key}`);
        const seen = await readIds(topics.output, token, expected);
        expect(seen).toEqual(expected.sort());
      });
    } finally {
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});

/**
 * Creates a topic, trying again (up to 5 times, 1 s apart) when the broker's
 * metadata does not show the new topic yet: under load kafkajs's wait for
 * leaders has failed with "This server does not host this topic-partition".
 */
async function createTopicSettled(topic: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createTopic(topic);
    } catch (error) {
      if (attempt >= 5 || (error as { type?: string }).type !== "UNKNOWN_TOPIC_OR_PARTITION") throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** Drags a node type from the palette to `position` on the pane; returns the new node's id (a new node is selected). */
async function addNode(page: Page, type: string, position: { x: number; y: number }): Promise<string> {
  const before = await page.locator(".react-flow__node").count();
  await dragFromPalette(page, type, position);
  await expect(page.locator(".react-flow__node")).toHaveCount(before + 1);
  const id = await inspector(page).getAttribute("data-node-id");
  expect(id).toMatch(new RegExp(`^${type}-`));
  await expect(canvasNode(page, id!).getByTestId(`node-${type}`)).toBeVisible();
  return id!;
}

/** Deploys from the editor (which saves the draft first) and waits until the engine runs it. */
async function deploy(page: Page): Promise<void> {
  await test.step("deploy from the editor and see it running", async () => {
    await page.getByTestId("deploy").click();
    await expect(page.getByTestId("status-pill")).toHaveAttribute("data-status", "running", { timeout: 60_000 });
  });
}

/** Sends JSON values with their Kafka timestamps and waits for the broker's acknowledgement. */
async function produceTimed(topic: string, records: readonly Timed[]): Promise<void> {
  const producer = testKafka("e2e-operators").producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, messages: records.map(({ value, at }) => ({ value: JSON.stringify(value), timestamp: String(at) })) });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Reads a sink topic from the beginning (read_committed) until every expected
 * id has shown up, or 60 s pass; returns the ids of this run's records, except
 * the clock records not expected, sorted. A duplicate shows as an id twice.
 */
async function readIds(topic: string, token: string, expected: readonly string[]): Promise<string[]> {
  const wanted = new Set(expected);
  const isItem = (value: unknown): value is Item =>
    typeof value === "object" && value !== null && typeof (value as Item).id === "string" && (value as Item).id.startsWith(`${token}-`);
  const records = await collectJson(topic, isItem, (seen) => [...wanted].every((id) => seen.some((record) => record.id === id)), 60_000);
  return records
    .map((record) => record.id)
    .filter((id) => wanted.has(id) || !id.startsWith(`${token}-clock`))
    .sort();
}

/**
 * SIGKILLs the engine process (its pid is in the owner id /healthz reports);
 * the e2e engine command starts it again (playwright.config.ts). Waits, up to
 * 60 s, until the new process has claimed the pipeline's deployment once the
 * dead one's lease lapsed.
 */
async function restartEngine(request: APIRequestContext, pipelineId: string): Promise<void> {
  const healthUrl = `http://127.0.0.1:${Number(new URL(test.info().project.use.baseURL!).port) + 1}/healthz`;
  const health = async () => {
    const response = await request.get(healthUrl, { timeout: 2_000 }).catch(() => null);
    return response?.ok() ? ((await response.json()) as { ownerId: string; deployments: string[] }) : null;
  };
  const status = await request.get(`/api/pipelines/${pipelineId}/status`);
  const deploymentId = ((await status.json()) as { deployment: { id: string } | null }).deployment?.id;
  expect(deploymentId).toBeTruthy();
  const before = await health();
  expect(before?.deployments).toContain(deploymentId);
  const pid = Number(before!.ownerId.split(":")[1]);
  expect(pid).toBeGreaterThan(0);
  process.kill(pid, "SIGKILL");
  await expect
    .poll(async () => {
      const now = await health();
      return now && now.ownerId !== before!.ownerId && now.deployments.includes(deploymentId!);
    }, { timeout: 60_000, intervals: [500] })
    .toBe(true);
}
