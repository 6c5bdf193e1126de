import type { PipelineDocument } from "../pipeline-document";

/**
 * Keeps the paid orders of 50 or more and reshapes them for a fulfilment
 * team: fewer fields, a normalised country, a size class. Keyed by order id.
 */
export function filterOrdersTemplate(topics = { orders: "orders", output: "orders-to-ship" }): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 80 }, data: { label: "Orders", topic: topics.orders, format: "json", startFrom: "earliest" } },
      { id: "paid", type: "filter", position: { x: 280, y: 80 }, data: { label: "Paid, 50 or more", condition: "status = 'paid' AND amount >= 50" } },
      {
        id: "reshape",
        type: "map",
        position: { x: 560, y: 80 },
        data: {
          label: "Reshape for shipping",
          fields: [
            { name: "order_id", expression: "order_id" },
            { name: "customer_id", expression: "customer_id" },
            { name: "country", expression: "UPPER(country)" },
            { name: "total", expression: "ROUND(amount, 2)" },
            { name: "items", expression: "items" },
            { name: "size", expression: "CASE WHEN amount >= 250 THEN 'large' ELSE 'regular' END" },
          ],
        },
      },
      { id: "to-ship", type: "kafka-sink", position: { x: 840, y: 80 }, data: { label: "Orders to ship", topic: topics.output, format: "json", key: "order_id" } },
    ],
    edges: [
      { id: "orders-paid", source: "orders", target: "paid", targetHandle: null },
      { id: "paid-reshape", source: "paid", target: "reshape", targetHandle: null },
      { id: "reshape-to-ship", source: "reshape", target: "to-ship", targetHandle: null },
    ],
  };
}
