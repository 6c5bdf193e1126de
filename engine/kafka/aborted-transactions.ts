/**
 * Which fetched records belong to aborted transactions, for a read_committed
 * consumer. It replaces kafkajs's `filterAbortedMessages`, which takes the
 * fetch's aborted transactions in the order the broker lists them and enters
 * at most one per record. The broker lists them in the order they were
 * aborted (its transaction index), not the order they began, so with two
 * transactions open at once, one aborted after the other began (Flink's sink
 * at parallelism 2, or any two transactional producers on one partition),
 * kafkajs delivered records of the later-aborted one (measured:
 * aborted-transactions.test.ts against the broker). This follows Kafka's
 * Java consumer: the aborted transactions in order of their first offset, and
 * every one whose first offset a record has reached marks its producer as
 * aborting until that producer's abort marker.
 */

/** An entry of a fetch response's aborted transactions. */
export type AbortedTransaction = { producerId: string | number; firstOffset: string | number };

/** The parts of a kafkajs message this filter reads. */
export type TransactionalMessage = { offset: string; key?: Buffer | null; isControlRecord?: boolean; batchContext?: { producerId: string | number; inTransaction: boolean } };

/** A control record's key: version 0, type 0 is an abort marker (1 is a commit marker). */
const abortMarkerKey = Buffer.from([0, 0, 0, 0]);

function isAbortMarker(message: TransactionalMessage): boolean {
  return message.isControlRecord === true && message.key != null && Buffer.from(message.key).equals(abortMarkerKey);
}

/**
 * The messages that are not records of an aborted transaction (control
 * records are kept: the caller drops them), in their order. A no-op when the
 * fetch reported no aborted transaction.
 */
export function filterAbortedTransactions<M extends TransactionalMessage>({ messages, abortedTransactions }: { messages: M[]; abortedTransactions?: readonly AbortedTransaction[] }): M[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;
  const pending = abortedTransactions.map((transaction) => ({ producerId: String(transaction.producerId), firstOffset: BigInt(transaction.firstOffset) })).sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const aborting = new Set<string>();
  let next = 0;
  return messages.filter((message) => {
    if (next < pending.length) {
      const offset = BigInt(message.offset);
      while (next < pending.length && pending[next]!.firstOffset <= offset) aborting.add(pending[next++]!.producerId);
    }
    const context = message.batchContext;
    if (!context) return true;
    const producerId = String(context.producerId);
    if (isAbortMarker(message)) {
      aborting.delete(producerId);
      return true;
    }
    return !(context.inTransaction && aborting.has(producerId));
  });
}
