import { byTime, type SampleOptions, type SampleRecord } from "./sample-record";
import { sampleId, seededRandom } from "./seeded-random";

const pages = ["/", "/search", "/product/espresso-machine", "/product/running-shoes", "/product/desk-lamp", "/cart", "/checkout", "/account", "/help"] as const;
const devices = ["desktop", "mobile", "tablet"] as const;

/**
 * A clickstream of 60 users over the last 20 minutes: each has one to three
 * visits of 3–15 clicks, 2–40 seconds apart, and visits at least 4 minutes
 * apart, so a session window with a 1-minute gap finds each visit. Keyed by
 * user id.
 */
export function clickstream({ topics, now, seed }: SampleOptions): SampleRecord[] {
  const random = seededRandom(seed);
  const records: SampleRecord[] = [];
  const span = 20 * 60_000;
  for (let u = 1; u <= 60; u++) {
    const user = `user-${String(u).padStart(3, "0")}`;
    const device = random.pick(devices);
    let at = now - span + random.int(0, 5 * 60_000);
    for (let visit = random.int(1, 3); visit > 0 && at < now; visit--) {
      const session = sampleId(random, "s");
      for (let click = random.int(3, 15); click > 0 && at < now; click--) {
        records.push({ topic: topics.clicks!, key: user, value: { user_id: user, session_hint: session, page: random.pick(pages), device, referrer: random.pick(["google", "newsletter", "direct", "ads"]), at }, timestamp: at });
        at += random.int(2_000, 40_000);
      }
      at += random.int(4 * 60_000, 8 * 60_000);
    }
  }
  return byTime(records);
}
