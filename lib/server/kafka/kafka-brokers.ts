/** The Kafka cluster the app uses: KAFKA_BROKERS (comma-separated host:port), or the local broker. */
export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",").map((broker) => broker.trim()).filter(Boolean);
}
