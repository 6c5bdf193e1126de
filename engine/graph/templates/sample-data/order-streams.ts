import { sampleOrders } from "./orders";
import { byTime, type SampleOptions, type SampleRecord } from "./sample-record";
import { sampleId, seededRandom } from "./seeded-random";

/** 600 orders over the last ten minutes, on the `orders` topic. */
export function ordersOnly({ topics, now, seed }: SampleOptions): SampleRecord[] {
  return sampleOrders(seededRandom(seed), topics.orders!, now, 600, 10 * 60_000).map((o) => o.record);
}

/**
 * Orders and their payments: most paid orders get one payment between 5 seconds
 * and 4 minutes later (so a 5-minute join finds them), a few pay too late or
 * never; payments are keyed by order id like the orders, so both sides of an
 * order land on the same partition number.
 */
export function ordersAndPayments({ topics, now, seed }: SampleOptions): SampleRecord[] {
  const random = seededRandom(seed);
  const span = 15 * 60_000;
  const orders = sampleOrders(random, topics.orders!, now - 4 * 60_000, 400, span - 4 * 60_000);
  const payments: SampleRecord[] = [];
  for (const { order } of orders) {
    if (order.status === "cancelled" || random.chance(0.08)) continue;
    // One in twenty pays after the 5-minute bound: the join leaves those out.
    const delay = random.chance(0.05) ? random.int(6 * 60_000, 9 * 60_000) : random.int(5_000, 4 * 60_000);
    const paidAt = Math.min(now, order.created_at + delay);
    const payment = {
      payment_id: sampleId(random, "pay"),
      order_id: order.order_id,
      amount: order.amount,
      method: random.weighted([["card", 6], ["paypal", 2], ["bank_transfer", 1], ["gift_card", 1]] as const),
      paid_at: paidAt,
    };
    payments.push({ topic: topics.payments!, key: order.order_id, value: payment, timestamp: paidAt });
  }
  return byTime([...orders.map((o) => o.record), ...payments]);
}
