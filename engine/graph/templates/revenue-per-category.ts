import type { PipelineDocument } from "../pipeline-document";

/**
 * Revenue, order count and average basket per product category in one-minute
 * tumbling windows of event time, over paid orders only. Each window is
 * written once, when the watermark passes its end; keyed by category.
 */
export function revenuePerCategoryTemplate(topics = { orders: "orders", output: "revenue-per-category" }): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 80 }, data: { label: "Orders", topic: topics.orders, format: "json", startFrom: "earliest" } },
      { id: "paid", type: "filter", position: { x: 280, y: 80 }, data: { label: "Paid orders", condition: "status = 'paid'" } },
      {
        id: "revenue",
        type: "reduce",
        position: { x: 560, y: 80 },
        data: {
          label: "Revenue per category",
          groupBy: ["category"],
          aggregations: [
            { fn: "sum", field: "amount", as: "revenue" },
            { fn: "count", as: "orders" },
            { fn: "avg", field: "amount", as: "average_order" },
          ],
          window: { type: "tumbling", size: 60_000 },
        },
      },
      { id: "per-minute", type: "kafka-sink", position: { x: 840, y: 80 }, data: { label: "Revenue per minute", topic: topics.output, format: "json", key: "category" } },
    ],
    edges: [
      { id: "orders-paid", source: "orders", target: "paid", targetHandle: null },
      { id: "paid-revenue", source: "paid", target: "revenue", targetHandle: null },
      { id: "revenue-per-minute", source: "revenue", target: "per-minute", targetHandle: null },
    ],
  };
}
