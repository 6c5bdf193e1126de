import { describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { livePoint } from "./live-point-fixture";
import { monitoredNodes, nodeHealth, pointAtOrAfter, seriesColors, topicLag, type MonitoredNode } from "./monitored-graph";

const source: MonitoredNode = { id: "src", type: "kafka-source", data: { topic: "orders" }, title: "Orders", topic: "orders", color: seriesColors[0]! };
const lag = (value: number) => [{ topic: "orders", partition: 0, end: "100", committed: "0", lag: value }];

describe("monitoredNodes", () => {
  it("lists the nodes in flow order with a title, a source's topic and a colour each", () => {
    const graph = wordCountTemplate();
    const nodes = monitoredNodes({ ...graph, nodes: [...graph.nodes].reverse() });
    const order = nodes.map((node) => node.id);
    for (const edge of graph.edges) expect(order.indexOf(edge.source)).toBeLessThan(order.indexOf(edge.target));
    expect(nodes[0]).toMatchObject({ type: "kafka-source", topic: "test", color: seriesColors[0] });
    expect(nodes.slice(1).every((node) => node.topic === null)).toBe(true);
    expect(new Set(nodes.map((node) => node.color)).size).toBe(nodes.length);
  });

  it("titles a node by its label, else its type's label", () => {
    const graph: PipelineDocument = {
      version: 1,
      nodes: [
        { id: "a", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "t", format: "json", startFrom: "earliest", label: "  Clicks " } },
        { id: "b", type: "kafka-sink", position: { x: 0, y: 0 }, data: { topic: "u", format: "json" } },
      ],
      edges: [{ id: "e", source: "a", target: "b" }],
    };
    expect(monitoredNodes(graph).map((node) => node.title)).toEqual(["Clicks", "Kafka sink"]);
  });

  it("keeps nodes on a cycle, after the others", () => {
    const graph: PipelineDocument = {
      version: 1,
      nodes: ["x", "y", "z"].map((id) => ({ id, type: "filter", position: { x: 0, y: 0 }, data: { condition: "true" } })),
      edges: [
        { id: "1", source: "y", target: "z" },
        { id: "2", source: "z", target: "y" },
      ],
    };
    expect(monitoredNodes(graph).map((node) => node.id)).toEqual(["x", "y", "z"]);
  });
});

describe("nodeHealth", () => {
  it("is idle without a report of the node, flowing while records move", () => {
    expect(nodeHealth([], source)).toBe("idle");
    expect(nodeHealth([livePoint(0, { other: {} })], source)).toBe("idle");
    expect(nodeHealth([livePoint(0, { src: {} })], source)).toBe("idle");
    expect(nodeHealth([livePoint(0, { src: { rateOut: 5 } })], source)).toBe("flowing");
  });

  it("is failing while its errors rose in the last 30 s, and no longer after", () => {
    const rising = [livePoint(0, { src: { errors: 1 } }), livePoint(10_000, { src: { errors: 3 } })];
    expect(nodeHealth(rising, source)).toBe("failing");
    const old = [livePoint(0, { src: { errors: 1 } }), livePoint(10_000, { src: { errors: 3 } }), livePoint(50_000, { src: { errors: 3 } })];
    expect(nodeHealth(old, source)).toBe("idle");
  });

  it("is busy above 80% of the time", () => {
    expect(nodeHealth([livePoint(0, { src: { busy: 0.81 } })], source)).toBe("busy");
    expect(nodeHealth([livePoint(0, { src: { busy: 0.8 } })], source)).toBe("idle");
  });

  it("is lagging when the floor of its lag rises, not for spikes between batches", () => {
    const rising = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((second) => livePoint(second * 4_000, { src: {} }, { lag: lag(second * 10 + 10) }));
    expect(nodeHealth(rising, source)).toBe("lagging");
    const spiky = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((second) => livePoint(second * 4_000, { src: {} }, { lag: lag(second % 2 === 0 ? 0 : 500) }));
    expect(nodeHealth(spiky, source)).toBe("idle");
  });
});

describe("topicLag and pointAtOrAfter", () => {
  it("sums a topic's partitions, ignoring negative lag and other topics", () => {
    const point = livePoint(0, {}, {
      lag: [
        { topic: "orders", partition: 0, end: "10", committed: "5", lag: 5 },
        { topic: "orders", partition: 1, end: "10", committed: "12", lag: -2 },
        { topic: "other", partition: 0, end: "10", committed: "0", lag: 10 },
      ],
    });
    expect(topicLag(point, "orders")).toBe(5);
  });

  it("finds the oldest point of the deployment no older than a time", () => {
    const history = [livePoint(0, {}, { deploymentId: "a" }), livePoint(1_000), livePoint(2_000), livePoint(3_000)];
    expect(pointAtOrAfter(history, 1_500, "d1")?.at).toBe(2_000);
    expect(pointAtOrAfter(history, 0, "d1")?.at).toBe(1_000);
    expect(pointAtOrAfter(history, 5_000, "d1")).toBeNull();
  });
});
