import "server-only";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { kafkaBrokers } from "./kafka-brokers";

const holder = globalThis as unknown as { streamlineKafka?: StreamClient };

/** The web server's Kafka client (previews, dead-letter view), created once per process. */
export function getStreamClient(): StreamClient {
  holder.streamlineKafka ??= createKafkajsClient({ brokers: kafkaBrokers(), clientId: "streamline-web" });
  return holder.streamlineKafka;
}
