import type { PipelineDocument } from "../pipeline-document";

/**
 * Matches each order with its payment when the payment arrives within five
 * minutes of the order (an interval join on order id), and writes one paid
 * order per match with the payment method and how long payment took.
 */
export function ordersWithPaymentsTemplate(topics = { orders: "orders", payments: "payments", output: "paid-orders" }): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Orders", topic: topics.orders, format: "json", startFrom: "earliest" } },
      { id: "payments", type: "kafka-source", position: { x: 0, y: 200 }, data: { label: "Payments", topic: topics.payments, format: "json", startFrom: "earliest" } },
      { id: "match", type: "join", position: { x: 280, y: 100 }, data: { label: "Paid within 5 minutes", leftKey: "order_id", rightKey: "order_id", type: "inner", within: 300_000 } },
      {
        id: "paid-order",
        type: "map",
        position: { x: 560, y: 100 },
        data: {
          label: "Paid order",
          fields: [
            { name: "order_id", expression: "order_id" },
            { name: "customer_id", expression: "customer_id" },
            { name: "amount", expression: "amount" },
            { name: "payment_id", expression: "payment_id" },
            { name: "method", expression: "method" },
            { name: "seconds_to_pay", expression: "(paid_at - created_at) / 1000" },
          ],
        },
      },
      { id: "paid-orders", type: "kafka-sink", position: { x: 840, y: 100 }, data: { label: "Paid orders", topic: topics.output, format: "json", key: "order_id" } },
    ],
    edges: [
      { id: "orders-match", source: "orders", target: "match", targetHandle: "left" },
      { id: "payments-match", source: "payments", target: "match", targetHandle: "right" },
      { id: "match-paid-order", source: "match", target: "paid-order", targetHandle: null },
      { id: "paid-order-paid-orders", source: "paid-order", target: "paid-orders", targetHandle: null },
    ],
  };
}
