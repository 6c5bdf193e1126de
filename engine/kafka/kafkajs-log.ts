/** The levels the engine logs at. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** What kafkajs hands its log creator: its level name, a namespace and the message with its fields. */
export type KafkajsLogEntry = { level: LogLevel; namespace: string; message: string; error?: string };

// Expected in normal operation, retried by kafkajs or by the runner's supervisor: not worth a look.
const routine = [
  // The broker is still finishing the previous transaction of this id (after a restart or an abort): retried.
  /CONCURRENT_TRANSACTIONS|another concurrent operation on the (same )?transaction/i,
  // A group rebalancing or moving its coordinator: the consumer rejoins by itself.
  /rebalanc|REBALANCE_IN_PROGRESS|NOT_COORDINATOR|COORDINATOR_LOAD_IN_PROGRESS|COORDINATOR_NOT_AVAILABLE|The group is rebalancing/i,
  // The same coordinator moves as kafkajs words them, seen on every (re)start of a broker: kafkajs looks the coordinator up again.
  /coordinator is loading|not the correct coordinator|coordinator is not available/i,
  // A member whose session lapsed (a starved CPU) is forgotten by the coordinator and rejoins; the runner restarts on the second join.
  /coordinator is not aware of this member|UNKNOWN_MEMBER_ID/i,
  // The engine limits idempotent retries on purpose: a failed send fails the runner, which restarts
  // from committed offsets under the same transactional id (fenced, exactly-once; docs/engine.md).
  /Limiting retries for the idempotent producer/,
  // kafkajs 2's note that its default partitioner changed; the engine picks the partitioner explicitly.
  /switched default partitioner/,
  // Topics the engine creates itself, seen before their metadata spread.
  /LEADER_NOT_AVAILABLE|UNKNOWN_TOPIC_OR_PARTITION|TOPIC_ALREADY_EXISTS|does not host this topic-partition/,
  // kafkajs logs any CreateTopics answer with a per-topic error, also TOPIC_ALREADY_EXISTS when two
  // engines create the same topic at once (which createTopics then reports as success); a real failure
  // is thrown to ensureTopics, and the deployment reports it.
  /Response CreateTopics\(.*Topic creation errors/,
  // A broker (re)starting elects its partition leaders: kafkajs refreshes the metadata and retries.
  /no leader for this topic-partition|leadership election|not the leader for that topic-partition|NOT_LEADER_(FOR_PARTITION|OR_FOLLOWER)/i,
];

// The broker cannot be reached: retried with backoff by kafkajs and by each runner's supervisor, which
// logs the one warning per deployment (`degraded – Kafka unreachable since …`) and the recovery line.
// "Failed to find group coordinator" is how a consumer's crash reads when the broker goes away while
// the consumer looks its coordinator up (its retries end on that, not on the connection error).
const unreachable = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection (error|timeout)|Closed connection|KafkaJSConnectionError|KafkaJSNumberOfRetriesExceeded|KafkaJSNoBrokerAvailableError|No broker available|broker.*not available|Failed to find group coordinator|KafkaJSGroupCoordinatorNotFound/i;

/**
 * The level a kafkajs log line deserves in the engine's log: expected retries
 * (CONCURRENT_TRANSACTIONS, rebalances, coordinator moves, the
 * idempotent-retries note) are `debug`, and so are kafkajs's many lines about
 * a broker it cannot reach (each client retries every connection: dozens of
 * lines a second); the deployment's own warning says it once, with since when.
 * `error` is left for what someone should look at.
 */
export function kafkajsLogLevel(entry: KafkajsLogEntry): LogLevel {
  const text = `${entry.message} ${entry.error ?? ""}`;
  if (routine.some((pattern) => pattern.test(text))) return "debug";
  if (unreachable.test(text)) return "debug";
  return entry.level;
}

/** True when a runner's failure means the brokers cannot be reached (shown as `degraded: Kafka unreachable`). */
export function isKafkaUnreachable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  return unreachable.test(text);
}

const leadershipChange = /not the leader for that topic-partition|does not host this topic-partition|no leader for this topic-partition|leadership election|LEADER_NOT_AVAILABLE|NOT_LEADER_(FOR_PARTITION|OR_FOLLOWER)|UNKNOWN_TOPIC_OR_PARTITION/i;

/**
 * True when a runner failed because a partition's leader moved or is not
 * known yet (a topic created a moment ago, a broker that just started): the
 * next attempt reads fresh metadata and goes through.
 */
export function isLeadershipChange(reason: string | null | undefined): boolean {
  return reason !== null && reason !== undefined && leadershipChange.test(reason);
}
