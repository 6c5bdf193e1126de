import { afterAll, describe, expect, it } from "vitest";
import { Kafka, logLevel } from "kafkajs";
import { createTopics, testBrokers, uniqueName } from "../runners/kafka-test-kit";
import { createKafkajsClient } from "./kafkajs-stream-client";

const client = createKafkajsClient({ brokers: testBrokers });
afterAll(() => client.close());

// The runner's stall check (engine/runners/stall-check.ts) counts a partition as holding records past
// the consumer only up to this end: were it the high-water mark, a transaction left open upstream
// would look like a consumer that stopped fetching.
describe("a topic's end as `offsets` reports it", () => {
  it("stops short of a transaction still open (the last stable offset), and passes its marker once it commits", async () => {
    const topic = uniqueName("topic-end");
    await createTopics([topic], 2);
    const producer = new Kafka({ clientId: "topic-end-test", brokers: testBrokers, logLevel: logLevel.NOTHING }).producer({ transactionalId: uniqueName("topic-end-tx"), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const ends = async () => Object.fromEntries((await client.offsets(topic, uniqueName("g"))).map((p) => [p.partition, p.end]));
    try {
      await producer.send({ topic, messages: [{ value: "committed", partition: 0 }] });
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: [{ value: "a", partition: 0 }, { value: "b", partition: 0 }] });
      expect(await ends()).toEqual({ 0: "1", 1: "0" });
      await transaction.commit();
      expect(await ends()).toEqual({ 0: "4", 1: "0" });
    } finally {
      await producer.disconnect();
    }
  });
});
