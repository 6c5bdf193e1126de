import { describe, expect, it } from "vitest";
import { isKafkaUnreachable, isLeadershipChange, kafkajsLogLevel } from "./kafkajs-log";

describe("kafkajsLogLevel", () => {
  it("turns the lines a normal run prints into debug", () => {
    // Seen in the engine's log during normal operation (issue 14).
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response InitProducerId(key: 22, version: 1)", error: "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Producer", message: "Failed to send messages: The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response AddPartitionsToTxn(key: 24, version: 1)", error: "CONCURRENT_TRANSACTIONS" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "warn", namespace: "Producer", message: "Limiting retries for the idempotent producer may invalidate EoS guarantees" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "warn", namespace: "", message: "KafkaJS v2.0.0 switched default partitioner. To retain the same partitioning behavior…" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Runner", message: "The group is rebalancing, re-joining" })).toBe("debug");
    // Two engines creating the same topic (TOPIC_ALREADY_EXISTS, which createTopics reports as success), and a topic still spreading.
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response CreateTopics(key: 19, version: 3)", error: "Topic creation errors" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response Metadata(key: 3, version: 6)", error: "This server does not host this topic-partition" })).toBe("debug");
  });

  it("turns the coordinator moves of a broker (re)start into debug", () => {
    // Seen on a fresh broker and after a broker restart (worker/engine-broker-restart.test.ts).
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response InitProducerId(key: 22, version: 1)", error: "The coordinator is loading and hence can't process requests for this group" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response GroupCoordinator(key: 10, version: 2)", error: "The group coordinator is not available" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response InitProducerId(key: 22, version: 1)", error: "This is not the correct coordinator for this group" })).toBe("debug");
    // Seen with 25 deployments at load 25 (worker/many-deployments.test.ts): a lapsed session, then a rejoin.
    expect(kafkajsLogLevel({ level: "error", namespace: "Runner", message: "The coordinator is not aware of this member, re-joining the group", error: "The coordinator is not aware of this member" })).toBe("debug");
  });

  it("leaves a lost broker to the deployments' one warning each: kafkajs's reconnect lines are debug", () => {
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Connection error: connect ECONNREFUSED 127.0.0.1:9092" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "BrokerPool", message: "Failed to connect to seed broker, trying another broker from the list: Connection timeout" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Consumer", message: "Crash: KafkaJSNoBrokerAvailableError: No broker available" })).toBe("debug");
    // The same crash when the broker went away during the consumer's coordinator lookup (seen in CI, worker/engine-broker-restart.test.ts).
    expect(kafkajsLogLevel({ level: "error", namespace: "Consumer", message: "Crash: KafkaJSNonRetriableError: Failed to find group coordinator" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response Metadata(key: 3, version: 6)", error: "There is no leader for this topic-partition as we are in the middle of a leadership election" })).toBe("debug");
    expect(kafkajsLogLevel({ level: "error", namespace: "Connection", message: "Response ListOffsets(key: 2, version: 3)", error: "This server is not the leader for that topic-partition" })).toBe("debug");
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
    // The consumer's crash when every broker is down (seen in worker/engine-broker-restart.test.ts).
    expect(isKafkaUnreachable(Object.assign(new Error("No broker available"), { name: "KafkaJSNoBrokerAvailableError" }))).toBe(true);
    expect(isKafkaUnreachable(Object.assign(new Error("Failed to find group coordinator"), { name: "KafkaJSNonRetriableError" }))).toBe(true);
    expect(isKafkaUnreachable(new Error("Expression failed: division by zero"))).toBe(false);
  });
});

describe("isLeadershipChange", () => {
  it("names the failures a retry with fresh metadata gets past, and nothing else", () => {
    expect(isLeadershipChange("This server does not host this topic-partition (retrying in 1 s)")).toBe(true);
    expect(isLeadershipChange("This server is not the leader for that topic-partition")).toBe(true);
    expect(isLeadershipChange("Kafka unreachable since 2026-12-02T09:00:00.000Z: Connection error: connect ECONNREFUSED 127.0.0.1:9192")).toBe(false);
    expect(isLeadershipChange("Transaction timed out")).toBe(false);
    expect(isLeadershipChange(null)).toBe(false);
  });
});
