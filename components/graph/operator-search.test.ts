import { describe, expect, it } from "vitest";
import { operatorList } from "@/engine/operators/registry";
import { searchOperators } from "./operator-search";

const operators = [
  { type: "kafka-source", label: "Kafka source", hint: "Read records from a topic" },
  { type: "filter", label: "Filter", hint: "Keep records matching a condition" },
  { type: "map", label: "Map", hint: "Compute new fields per record" },
  { type: "kafka-sink", label: "Kafka sink", hint: "Write records to a topic" },
];

describe("searchOperators", () => {
  it("matches everything, in order, for an empty query", () => {
    expect(searchOperators(operators, "  ").map((o) => o.type)).toEqual(["kafka-source", "filter", "map", "kafka-sink"]);
  });

  it("ranks a label starting with the query first, then a label containing it, then a hint match", () => {
    expect(searchOperators(operators, "kafka s").map((o) => o.type)).toEqual(["kafka-source", "kafka-sink"]);
    expect(searchOperators(operators, "sink").map((o) => o.type)).toEqual(["kafka-sink"]);
    expect(searchOperators(operators, "topic").map((o) => o.type)).toEqual(["kafka-source", "kafka-sink"]);
    expect(searchOperators(operators, "FIELDS").map((o) => o.type)).toEqual(["map"]);
    expect(searchOperators(operators, "map")[0]!.type).toBe("map");
  });

  it("needs every word to match somewhere, and finds nothing for nonsense", () => {
    expect(searchOperators(operators, "records topic write").map((o) => o.type)).toEqual(["kafka-sink"]);
    expect(searchOperators(operators, "zzz")).toEqual([]);
  });

  it("finds every registered operator by its own label", () => {
    for (const operator of operatorList) expect(searchOperators(operatorList, operator.label)[0]!.type).toBe(operator.type);
  });
});
