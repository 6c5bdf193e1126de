import { byTime, type SampleRecord } from "./sample-record";
import { sampleId, type SeededRandom } from "./seeded-random";

export const orderCategories = ["books", "electronics", "garden", "grocery", "toys", "clothing"] as const;
const countries = ["US", "DE", "FR", "GB", "NL", "ES", "CA"] as const;
/** Typical basket sizes per category, so revenue per category differs visibly. */
const priceRange: Record<(typeof orderCategories)[number], [number, number]> = {
  books: [8, 60],
  electronics: [40, 900],
  garden: [15, 250],
  grocery: [5, 120],
  toys: [10, 150],
  clothing: [15, 300],
};

/** A web-shop order as the shop's backend would publish it. */
export type SampleOrder = {
  order_id: string;
  customer_id: string;
  category: (typeof orderCategories)[number];
  amount: number;
  currency: "USD";
  country: (typeof countries)[number];
  status: "paid" | "pending" | "cancelled";
  items: number;
  created_at: number;
};

/** `count` orders spread evenly over `spanMs` before `now`, keyed by order id (so an order's updates share a partition). */
export function sampleOrders(random: SeededRandom, topic: string, now: number, count: number, spanMs: number): { record: SampleRecord; order: SampleOrder }[] {
  const orders = Array.from({ length: count }, (_, i) => {
    const category = random.weighted<(typeof orderCategories)[number]>([["books", 3], ["electronics", 2], ["garden", 1], ["grocery", 4], ["toys", 2], ["clothing", 3]]);
    const [low, high] = priceRange[category];
    const createdAt = now - spanMs + Math.floor(((i + random.next()) / count) * spanMs);
    const order: SampleOrder = {
      order_id: sampleId(random, "ord"),
      customer_id: `cus-${String(random.int(1, 180)).padStart(4, "0")}`,
      category,
      amount: Math.round((low + random.next() * (high - low)) * 100) / 100,
      currency: "USD",
      country: random.pick(countries),
      status: random.weighted<SampleOrder["status"]>([["paid", 7], ["pending", 2], ["cancelled", 1]]),
      items: random.int(1, 6),
      created_at: createdAt,
    };
    return { order, record: { topic, key: order.order_id, value: order, timestamp: createdAt } };
  });
  byTime(orders.map((o) => o.record));
  return orders;
}
