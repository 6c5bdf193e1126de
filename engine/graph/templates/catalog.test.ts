import { describe, expect, it } from "vitest";
import { TestDriver } from "../../runners/test-driver";
import { checkPipelineExpressions } from "../check-expressions";
import { kafkaEndpoints } from "../endpoints";
import { validatePipeline } from "../validate-pipeline";
import { findTemplate, pipelineTemplates, templateTopics, type PipelineTemplate, type SampleRecord } from "./catalog";

const now = Date.UTC(2026, 11, 2, 10, 0, 0);

/** Runs a template over its own sample data in the test driver, records interleaved across topics in time order, batches of 100. */
function run(template: PipelineTemplate, seed = 7) {
  const topics = templateTopics(template);
  const records = template.sampleData({ topics, now, seed });
  const driver = new TestDriver(template.build(topics), { startTime: records[0]!.timestamp });
  for (let i = 0; i < records.length; i += 100) {
    const batch = records.slice(i, i + 100);
    for (const topic of new Set(batch.map((r) => r.topic))) {
      driver.pipe(topic, batch.filter((r) => r.topic === topic).map((r) => ({ value: r.value, key: r.key, timestamp: r.timestamp })));
    }
  }
  // Let the source partitions go idle, as a deployment would after its last record.
  driver.advance(10_000);
  const output = (role: string) => driver.values(topics[role]!);
  return { topics, records, driver, output, input: (role: string) => records.filter((r) => r.topic === topics[role]).map((r) => r.value as Record<string, unknown>) };
}

describe("the templates gallery", () => {
  it("has the seven templates, with unique ids and unique topic roles", () => {
    expect(pipelineTemplates.map((t) => t.id)).toEqual(["word-count", "filter-orders", "revenue-per-category", "click-sessions", "orders-with-payments", "route-logs", "deduplicate-readings"]);
    for (const template of pipelineTemplates) expect(new Set(template.topics.map((t) => t.role)).size).toBe(template.topics.length);
  });

  it.each(pipelineTemplates.map((t) => [t.id, t] as const))("%s validates with no problems and reads and writes the topics it declares", (_, template) => {
    const topics = templateTopics(template);
    const document = template.build(topics);
    expect(validatePipeline(document).problems).toEqual([]);
    expect(checkPipelineExpressions(document).problems ?? []).toEqual([]);
    const endpoints = kafkaEndpoints(document);
    const declared = (direction: "input" | "output") => template.topics.filter((t) => t.direction === direction).map((t) => topics[t.role]).sort();
    expect([...new Set(endpoints.filter((e) => e.role === "source").map((e) => e.topic))].sort()).toEqual(declared("input"));
    expect([...new Set(endpoints.filter((e) => e.role === "sink").map((e) => e.topic))].sort()).toEqual(declared("output"));
  });

  it("takes the topic names it is given, keeping defaults for blanks", () => {
    const template = findTemplate("orders-with-payments")!;
    const topics = templateTopics(template, { orders: " shop.orders ", payments: "" });
    expect(topics).toEqual({ orders: "shop.orders", payments: "payments", output: "paid-orders" });
    expect(kafkaEndpoints(template.build(topics)).map((e) => e.topic)).toEqual(expect.arrayContaining(["shop.orders", "payments", "paid-orders"]));
  });
});

describe("sample data", () => {
  it.each(pipelineTemplates.map((t) => [t.id, t] as const))("%s: seeded, a few hundred to a few thousand records, on its input topics, in time order up to now", (_, template) => {
    const topics = templateTopics(template);
    const records = template.sampleData({ topics, now, seed: 1 });
    expect(template.sampleData({ topics, now, seed: 1 })).toEqual(records);
    expect(template.sampleData({ topics, now, seed: 2 })).not.toEqual(records);
    expect(records.length).toBeGreaterThanOrEqual(200);
    expect(records.length).toBeLessThanOrEqual(5_000);
    const inputs = template.topics.filter((t) => t.direction === "input").map((t) => topics[t.role]);
    expect([...new Set(records.map((r) => r.topic))].sort()).toEqual([...inputs].sort());
    for (let i = 1; i < records.length; i++) expect(records[i]!.timestamp).toBeGreaterThanOrEqual(records[i - 1]!.timestamp);
    expect(records[0]!.timestamp).toBeGreaterThanOrEqual(now - 30 * 60_000);
    expect(records.at(-1)!.timestamp).toBeLessThanOrEqual(now);
  });

  it("keys JSON records by their entity (order, user, service, sensor); text lines have no key", () => {
    const key = (id: string, seed = 3) => {
      const template = findTemplate(id)!;
      return template.sampleData({ topics: templateTopics(template), now, seed }) as SampleRecord[];
    };
    for (const r of key("orders-with-payments")) expect(r.key).toBe((r.value as { order_id: string }).order_id);
    for (const r of key("click-sessions")) expect(r.key).toBe((r.value as { user_id: string }).user_id);
    for (const r of key("route-logs")) expect(r.key).toBe((r.value as { service: string }).service);
    for (const r of key("deduplicate-readings")) expect(r.key).toBe((r.value as { sensor_id: string }).sensor_id);
    for (const r of key("word-count")) expect([r.key, typeof r.value]).toEqual([null, "string"]);
  });
});

describe("each template over its sample data (test driver)", () => {
  it("word count: counts words, the latest count per word equal to its occurrences", () => {
    const { driver, records, topics } = run(findTemplate("word-count")!);
    const expected = new Map<string, number>();
    for (const r of records) for (const word of (r.value as string).toLowerCase().split(" ")) if (word) expected.set(word, (expected.get(word) ?? 0) + 1);
    const latest = new Map([...driver.latestByKey(topics.output!)].map(([word, value]) => [word, value.count]));
    expect(latest).toEqual(expected);
    expect(driver.deadLetters).toEqual([]);
  });

  it("filter orders: exactly the paid orders of 50 or more, reshaped", () => {
    const { output, input, driver } = run(findTemplate("filter-orders")!);
    const expected = input("orders").filter((o) => o.status === "paid" && (o.amount as number) >= 50);
    expect(expected.length).toBeGreaterThan(100);
    expect(output("output").map((o) => o.order_id)).toEqual(expected.map((o) => o.order_id));
    expect(Object.keys(output("output")[0]!)).toEqual(["order_id", "customer_id", "country", "total", "items", "size"]);
    for (const o of output("output")) expect(o.size).toBe((o.total as number) >= 250 ? "large" : "regular");
    expect(driver.deadLetters).toEqual([]);
  });

  it("revenue per category: one record per category and closed minute, summing the paid orders", () => {
    const { output, input, driver } = run(findTemplate("revenue-per-category")!);
    const rows = output("output");
    expect(rows.length).toBeGreaterThan(30);
    const paid = input("orders").filter((o) => o.status === "paid");
    for (const row of rows) {
      const inWindow = paid.filter((o) => o.category === row.category && (o.created_at as number) >= (row.window_start as number) && (o.created_at as number) < (row.window_end as number));
      expect(row.orders).toBe(inWindow.length);
      expect(row.revenue).toBeCloseTo(inWindow.reduce((sum, o) => sum + (o.amount as number), 0), 6);
    }
    expect(new Set(rows.map((r) => `${r.category}@${r.window_start}`)).size).toBe(rows.length);
    expect(driver.deadLetters).toEqual([]);
  });

  it("click sessions: each visit is one session whose clicks add up to the user's clicks", () => {
    const { output, input, driver } = run(findTemplate("click-sessions")!);
    const sessions = output("output");
    expect(sessions.length).toBeGreaterThanOrEqual(60);
    const clicks = input("clicks");
    for (const session of sessions) {
      expect(session.last_click as number).toBeGreaterThanOrEqual(session.first_click as number);
      const within = clicks.filter((c) => c.user_id === session.user_id && (c.at as number) >= (session.first_click as number) && (c.at as number) <= (session.last_click as number));
      expect(session.clicks).toBe(within.length);
    }
    expect(driver.deadLetters).toEqual([]);
  });

  it("orders with payments: one paid order per payment within 5 minutes, none for late ones", () => {
    const { output, input, driver } = run(findTemplate("orders-with-payments")!);
    const orders = new Map(input("orders").map((o) => [o.order_id, o]));
    const inTime = input("payments").filter((p) => (p.paid_at as number) - (orders.get(p.order_id)!.created_at as number) <= 300_000);
    expect(inTime.length).toBeLessThan(input("payments").length);
    const paid = output("output");
    expect(paid.map((p) => p.order_id).sort()).toEqual(inTime.map((p) => p.order_id).sort());
    for (const p of paid) {
      expect(p.seconds_to_pay as number).toBeGreaterThanOrEqual(0);
      expect(p.seconds_to_pay as number).toBeLessThanOrEqual(300);
      expect(p.amount).toBe(orders.get(p.order_id)!.amount);
    }
    expect(driver.deadLetters).toEqual([]);
  });

  it("route logs: every line on exactly one topic, by level", () => {
    const { output, input, driver } = run(findTemplate("route-logs")!);
    const logs = input("logs");
    expect(output("errors").length).toBe(logs.filter((l) => l.level === "ERROR").length);
    expect(output("warnings").length).toBe(logs.filter((l) => l.level === "WARN").length);
    expect(output("other").length).toBe(logs.filter((l) => l.level === "INFO").length);
    expect(output("errors").length).toBeGreaterThan(0);
    expect(output("errors").every((l) => l.level === "ERROR")).toBe(true);
    expect(driver.deadLetters).toEqual([]);
  });

  it("deduplicate readings: each reading id once, the resent copies dropped", () => {
    const { output, input, driver } = run(findTemplate("deduplicate-readings")!);
    const readings = input("readings");
    const ids = output("output").map((r) => r.reading_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(readings.length - new Set(readings.map((r) => r.reading_id)).size).toBeGreaterThan(50);
    // Every reading whose one-minute window has closed (all but the newest minute's) comes out once.
    const watermark = Math.max(...readings.map((r) => r.measured_at as number));
    const closed = new Set(readings.filter((r) => (r.measured_at as number) < Math.floor(watermark / 60_000) * 60_000).map((r) => r.reading_id));
    expect(closed.size).toBeGreaterThan(500);
    expect(new Set(ids)).toEqual(closed);
    expect(driver.deadLetters).toEqual([]);
  });
});
