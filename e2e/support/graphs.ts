/** Pipeline documents the specs seed through the API, built for topics of their own. */

type Topics = { input: string; output: string };

/** Orders in, orders over `threshold` out, reshaped by a map: the preview spec's pipeline. */
export function ordersGraph(topics: Topics, threshold = 10) {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Orders", topic: topics.input, format: "json", startFrom: "earliest" } },
      { id: "large", type: "filter", position: { x: 288, y: 0 }, data: { label: "Large orders", condition: `amount > ${threshold}` } },
      {
        id: "shape",
        type: "map",
        position: { x: 576, y: 0 },
        data: { label: "In cents", fields: [{ name: "order_id", expression: "id" }, { name: "cents", expression: "amount * 100" }] },
      },
      { id: "out", type: "kafka-sink", position: { x: 864, y: 0 }, data: { label: "Large orders out", topic: topics.output, format: "json", key: "order_id" } },
    ],
    edges: [
      { id: "orders-large", source: "orders", target: "large", targetHandle: null },
      { id: "large-shape", source: "large", target: "shape", targetHandle: null },
      { id: "shape-out", source: "shape", target: "out", targetHandle: null },
    ],
  };
}

/** The same pipeline with a condition left empty: a draft that cannot run. */
export function brokenOrdersGraph(topics: Topics) {
  const graph = ordersGraph(topics);
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === "large" ? { ...node, data: { ...node.data, condition: "" } } : node)) };
}
