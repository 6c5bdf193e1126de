import { wordCountTemplate } from "@/engine/graph";

/**
 * Running pipelines for the live screenshots: each reads topics of its own run and comes
 * with a generator of realistic records, so the canvas, the samples and the dashboard
 * show data that looks like a product's, not a test's.
 */

const words = ["kafka", "stream", "event", "order", "payment", "click", "session", "window", "state", "offset", "topic", "record", "latency", "join"];
const countries = ["DE", "FR", "NL", "ES", "IT", "PL"];

function pick<T>(items: readonly T[], seed: number): T {
  return items[Math.abs(Math.floor(Math.sin(seed) * 10_000)) % items.length]!;
}

export type LiveShowcase = {
  name: string;
  description: string;
  graph: unknown;
  input: string;
  /** The values to produce in one tick (about every 300 ms). */
  next: (tick: number) => string[];
};

export function liveShowcase(suffix: string): { wordCount: LiveShowcase; fraud: LiveShowcase; sessions: LiveShowcase } {
  const lines = `lines-${suffix}`;
  const payments = `payments-${suffix}`;
  const views = `page-views-${suffix}`;
  return {
    wordCount: {
      name: "Word count",
      description: "Splits lines of text into words and keeps a running count per word",
      graph: wordCountTemplate({ input: lines, output: `word-counts-${suffix}` }),
      input: lines,
      next: (tick) => Array.from({ length: 4 }, (_, index) => Array.from({ length: 6 }, (__, word) => pick(words, tick * 31 + index * 7 + word)).join(" ")),
    },
    fraud: {
      name: "Payment fraud signals",
      description: "Flags card payments over 5,000 EUR from devices seen for the first time",
      input: payments,
      graph: {
        version: 1,
        nodes: [
          { id: "payments", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Payments", topic: payments, format: "json", startFrom: "earliest" } },
          { id: "large", type: "filter", position: { x: 288, y: 0 }, data: { label: "Large, new device", condition: "amount > 5000 AND device_age_days = 0" } },
          {
            id: "signal",
            type: "map",
            position: { x: 576, y: 0 },
            data: { label: "Signal", fields: [{ name: "payment_id", expression: "id" }, { name: "country", expression: "country" }, { name: "score", expression: "amount / 1000" }] },
          },
          { id: "alerts", type: "kafka-sink", position: { x: 864, y: 0 }, data: { label: "Fraud alerts", topic: `fraud-alerts-${suffix}`, format: "json", key: "payment_id" } },
        ],
        edges: [
          { id: "payments-large", source: "payments", target: "large", targetHandle: null },
          { id: "large-signal", source: "large", target: "signal", targetHandle: null },
          { id: "signal-alerts", source: "signal", target: "alerts", targetHandle: null },
        ],
      },
      next: (tick) =>
        Array.from({ length: 6 }, (_, index) => {
          const seed = tick * 13 + index;
          // Now and then a client sends a payment that is not JSON: the dead letters and the red error count show it.
          if (seed % 97 === 0) return `{"id": "pay-${seed}", amount: }`;
          return JSON.stringify({
            id: `pay-${seed}`,
            amount: Math.round(Math.abs(Math.sin(seed)) * 900_000) / 100,
            currency: "EUR",
            country: pick(countries, seed),
            device_age_days: seed % 3 === 0 ? 0 : (seed % 40) + 1,
            card: { brand: pick(["visa", "mastercard", "amex"], seed), last4: String(1000 + (seed % 9000)) },
          });
        }),
    },
    sessions: {
      name: "Clickstream sessions",
      description: "Sessionizes page views per user with a 30 minute inactivity gap",
      input: views,
      graph: {
        version: 1,
        nodes: [
          { id: "views", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Page views", topic: views, format: "json", startFrom: "latest" } },
          {
            id: "sessions",
            type: "reduce",
            position: { x: 288, y: 0 },
            data: { label: "Sessions", groupBy: ["user_id"], aggregations: [{ fn: "count", as: "views" }], window: { type: "session", gap: 1_800_000 } },
          },
          { id: "out", type: "kafka-sink", position: { x: 576, y: 0 }, data: { label: "Sessions out", topic: `sessions-${suffix}`, format: "json", key: "user_id" } },
        ],
        edges: [
          { id: "views-sessions", source: "views", target: "sessions", targetHandle: null },
          { id: "sessions-out", source: "sessions", target: "out", targetHandle: null },
        ],
      },
      next: (tick) => [JSON.stringify({ user_id: `u-${tick % 17}`, path: pick(["/", "/pricing", "/docs", "/blog"], tick) })],
    },
  };
}
