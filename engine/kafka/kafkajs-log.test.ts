import { describe, expect, it } from "vitest";
import { isKafkaUnreachable, kafkajsLogLevel } from "./kafkajs-log";

describe("kafkajsLogLevel", () => {
  it("turns the lines a normal run prints into debug", () => {
    // Seen in the engine's log during normal operation (issue 14).
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response InitProducerId(key: 22, version: 1)", error: "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Producer", message: "Failed to send messages: The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response AddPartitionsToTxn(key: 24, version: 1)", error: "CONCURRENT_TRANSACTIONS" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "warn", namespace: "Producer", message: "Limiting retries for the idempotent producer may invalidate EoS guarantees" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "warn", namespace: "", message: "KafkaJS v2.0.0 switched default partitioner. To retain the same partitioning behavior…" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Runner", message: "The group is rebalancing, re-joining" })).toBe("debug");
  });

  it("makes a lost broker a warning, not an error", () => {
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Connection error: connect ECONNREFUSED 127.0.0.1:9092" })).toBe("warn");
    expect(kafkajsLogLevel({ level: "error", namespace: "BrokerPool", message: "Failed to connect to seed broker, trying another broker from the list: Connection timeout" })).toBe("warn");
  });

  it("keeps anything else at the level kafkajs gave it", () => {
    expect(kafkajsLogLevel({ level: "error", namespace: "Producer", message: "SASL PLAIN authentication failed" })).toBe("error");
    expect(kafkajsLogLevel({ level: "info", namespace: "Consumer", message: "Starting" })).toBe("info");
  });
});

describe("isKafkaUnreachable", () => {
  it("recognises connection failures", () => {
    expect(isKafkaUnreachable(new Error("Connection error: connect ECONNREFUSED 127.0.0.1:9092"))).toBe(true);
    expect(isKafkaUnreachable(Object.assign(new Error("x"), { name: "KafkaJSNumberOfRetriesExceeded" }))).toBe(true);
    expect(isKafkaUnreachable(new Error("Expression failed: division by zero"))).toBe(false);
  });
});
