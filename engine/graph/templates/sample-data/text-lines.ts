import { type SampleOptions, type SampleRecord } from "./sample-record";
import { seededRandom } from "./seeded-random";

const subjects = ["the broker", "a consumer", "the producer", "our pipeline", "the stream", "a partition", "the leader", "every record"] as const;
const verbs = ["reads", "writes", "commits", "replays", "counts", "skips", "buffers", "forwards"] as const;
const objects = ["the next batch", "an offset", "late records", "the changelog", "a quick brown fox", "the lazy dog", "every event", "its state"] as const;
const tails = ["", " again", " twice", " before noon", " in order", " without a gap"] as const;

/** Lines of English-like text (no key) spread over the last ten minutes, for the word count. */
export function textLines({ topics, now, seed }: SampleOptions, count = 400): SampleRecord[] {
  const random = seededRandom(seed);
  const span = 10 * 60_000;
  return Array.from({ length: count }, (_, i) => {
    const line = `${random.pick(subjects)} ${random.pick(verbs)} ${random.pick(objects)}${random.pick(tails)}`;
    const sentence = random.chance(0.3) ? line.charAt(0).toUpperCase() + line.slice(1) : line;
    return { topic: topics.input!, key: null, value: sentence, timestamp: now - span + Math.floor(((i + random.next()) / count) * span) };
  });
}
