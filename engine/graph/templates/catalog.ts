import type { PipelineDocument } from "../pipeline-document";
import { clickSessionsTemplate } from "./click-sessions";
import { deduplicateReadingsTemplate } from "./deduplicate-readings";
import { filterOrdersTemplate } from "./filter-orders";
import { ordersWithPaymentsTemplate } from "./orders-with-payments";
import { revenuePerCategoryTemplate } from "./revenue-per-category";
import { routeLogsTemplate } from "./route-logs";
import { clickstream } from "./sample-data/clicks";
import { logLines } from "./sample-data/log-lines";
import { ordersAndPayments, ordersOnly } from "./sample-data/order-streams";
import type { SampleOptions, SampleRecord } from "./sample-data/sample-record";
import { sensorReadings } from "./sample-data/sensor-readings";
import { textLines } from "./sample-data/text-lines";
import { wordCountTemplate } from "./word-count";

export type { SampleRecord } from "./sample-data/sample-record";

/** A topic a template reads (`input`, sample data goes there) or writes (`output`), with the name it has unless the user picks another. */
export type TemplateTopic = { role: string; label: string; defaultName: string; direction: "input" | "output" };

/** A gallery entry: a pipeline document built from existing operators, what it shows, and realistic records to feed it. */
export type PipelineTemplate = {
  id: string;
  title: string;
  /** One paragraph: what it does, on what data, what to look at. */
  description: string;
  /** The kind of records its sample data holds, for the card ("600 orders"). */
  sampleSummary: string;
  topics: readonly TemplateTopic[];
  /** The document, with the topics named by role. */
  build(topics: Record<string, string>): PipelineDocument;
  /** Pure and seeded: the same options give the same records. */
  sampleData(options: SampleOptions): SampleRecord[];
};

const input = (role: string, label: string, defaultName = role): TemplateTopic => ({ role, label, defaultName, direction: "input" });
const output = (role: string, label: string, defaultName: string): TemplateTopic => ({ role, label, defaultName, direction: "output" });

/** The templates gallery, in the order a newcomer would try them. */
export const pipelineTemplates: readonly PipelineTemplate[] = [
  {
    id: "word-count",
    title: "Word count",
    description:
      "The hello world of stream processing: lines of text are split into words, empty words dropped, and a running count per word is kept and written out every time it changes, keyed by the word. Watch the counts of common words climb in the output topic as lines arrive.",
    sampleSummary: "400 lines of text",
    topics: [input("input", "Lines", "lines"), output("output", "Counts", "word-counts")],
    build: (t) => wordCountTemplate({ input: t.input!, output: t.output! }),
    sampleData: (options) => textLines(options),
  },
  {
    id: "filter-orders",
    title: "Filter and reshape orders",
    description:
      "A stateless clean-up step: from a stream of web-shop orders it keeps only the paid orders of 50 or more, and writes each as a smaller record for the fulfilment team, with the country upper-cased, the total rounded and a size class (large from 250). Records pass one by one, with no state and no delay.",
    sampleSummary: "600 orders",
    topics: [input("orders", "Orders"), output("output", "Orders to ship", "orders-to-ship")],
    build: (t) => filterOrdersTemplate({ orders: t.orders!, output: t.output! }),
    sampleData: ordersOnly,
  },
  {
    id: "revenue-per-category",
    title: "Revenue per category, per minute",
    description:
      "A windowed aggregation: paid orders are summed per product category in one-minute tumbling windows of event time, giving revenue, order count and average basket for each category and minute. A window is written once, when the watermark passes its end, so each output record is final.",
    sampleSummary: "600 orders over 10 minutes",
    topics: [input("orders", "Orders"), output("output", "Revenue per minute", "revenue-per-category")],
    build: (t) => revenuePerCategoryTemplate({ orders: t.orders!, output: t.output! }),
    sampleData: ordersOnly,
  },
  {
    id: "click-sessions",
    title: "Sessionised clickstream",
    description:
      "A session window: a user's clicks with less than a minute between them make one visit. When a visit has been quiet for a minute it is written as one record with the number of clicks and the first and last click time, keyed by user. The event time is the click's own `at` field.",
    sampleSummary: "clicks of 60 users over 20 minutes",
    topics: [input("clicks", "Clicks"), output("output", "Sessions", "click-sessions")],
    build: (t) => clickSessionsTemplate({ clicks: t.clicks!, output: t.output! }),
    sampleData: clickstream,
  },
  {
    id: "orders-with-payments",
    title: "Orders joined with payments",
    description:
      "An interval join of two streams: each order is matched with the payment for the same order id when the payment comes within five minutes of the order, and written as one paid order with the payment method and how many seconds payment took. Orders paid later, or never, are left out.",
    sampleSummary: "400 orders and their payments",
    topics: [input("orders", "Orders"), input("payments", "Payments"), output("output", "Paid orders", "paid-orders")],
    build: (t) => ordersWithPaymentsTemplate({ orders: t.orders!, payments: t.payments!, output: t.output! }),
    sampleData: ordersAndPayments,
  },
  {
    id: "route-logs",
    title: "Route log lines by level",
    description:
      "Content-based routing: structured log lines from five services go to one topic per level, errors to one, warnings to another, everything else to a third, each record to the first route whose condition holds. Add a route with a condition of your own to split further.",
    sampleSummary: "1,500 log lines",
    topics: [input("logs", "Log lines"), output("errors", "Errors", "logs-errors"), output("warnings", "Warnings", "logs-warnings"), output("other", "Everything else", "logs-other")],
    build: (t) => routeLogsTemplate({ logs: t.logs!, errors: t.errors!, warnings: t.warnings!, other: t.other! }),
    sampleData: logLines,
  },
  {
    id: "deduplicate-readings",
    title: "Deduplicate sensor readings",
    description:
      "Exactly one record per event: gateways resend about one sensor reading in five, and the deduplicate step lets the first record of each reading id through per one-minute window of measurement time, dropping the copies. The output has each reading once, keyed by sensor.",
    sampleSummary: "readings of 24 sensors, one in five sent twice",
    topics: [input("readings", "Sensor readings", "sensor-readings"), output("output", "Unique readings", "sensor-readings-unique")],
    build: (t) => deduplicateReadingsTemplate({ readings: t.readings!, output: t.output! }),
    sampleData: sensorReadings,
  },
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): PipelineTemplate | undefined {
  return pipelineTemplates.find((template) => template.id === id);
}

/** Every topic role of a template mapped to its name: the default unless `names` gives one (blank names keep the default). */
export function templateTopics(template: PipelineTemplate, names: Record<string, string | undefined> = {}): Record<string, string> {
  return Object.fromEntries(template.topics.map((topic) => [topic.role, names[topic.role]?.trim() || topic.defaultName]));
}
