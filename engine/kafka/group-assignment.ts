/**
 * The subscribed topics a group join gave this consumer no partition of, when
 * it led the join. An engine's consumer group has one member, which leads and
 * assigns from its own metadata cache: for a topic created a moment ago that
 * cache can list no partition, and the member then runs with nothing to fetch
 * until a rebalance that never comes. A non-leader's empty share is normal
 * (more members than partitions) and not reported.
 */
export function unassignedTopics(subscribed: readonly string[], join: { isLeader: boolean; memberAssignment: Record<string, number[] | undefined> }): string[] {
  if (!join.isLeader) return [];
  return subscribed.filter((topic) => (join.memberAssignment[topic] ?? []).length === 0);
}
