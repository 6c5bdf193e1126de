// The benchmark's input: deterministic JSON records of about 200 bytes with a
// key, a category, an amount and a line of text, and the payments that join them.

/** One record as it is produced: key, JSON value and event time. */
export type BenchRecord = { key: string; value: string; timestamp: number };

/** A bench record whose value may be encoded bytes (Avro in the Confluent wire format, bench/avro-records.ts). */
export type EncodedRecord = { key: string; value: string | Buffer; timestamp: number };

export const categories = ["books", "games", "garden", "kitchen", "music", "office", "outdoor", "pets", "sports", "toys"];

/** Event time of record 0; record i is at `baseTime + i` ms, so 1,000 records span one second. */
export const baseTime = Date.UTC(2026, 0, 1);

const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qui", "dor", "len", "mas", "tor", "bel"];

/** A vocabulary of 2,000 made-up words of 2–4 syllables. */
const vocabulary = Array.from({ length: 2_000 }, (_, i) => {
  let word = "";
  let n = i + 17;
  const length = 2 + (i % 3);
  for (let s = 0; s < length; s++) {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length) + s * 7;
  }
  return word;
});

/** A small, fast, seedable generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The distinct key of record i ("k0000042"): N records have N distinct keys. */
export function recordKey(i: number): string {
  return `k${String(i).padStart(7, "0")}`;
}

/**
 * Record i: `{ id, category, amount, text }`. Words are skewed (a few are
 * frequent, most are rare), lines have 14–20 words, so a record is about 200
 * bytes and a word count emits about 17 updates per record.
 */
export function makeRecord(i: number): BenchRecord {
  const next = random(i * 2654435761);
  const words: string[] = [];
  const count = 14 + Math.floor(next() * 7);
  for (let w = 0; w < count; w++) {
    const r = next();
    words.push(vocabulary[Math.floor(r * r * r * vocabulary.length)]!);
  }
  if (next() < 0.2) words[0] = words[0]!.toUpperCase();
  const value = JSON.stringify({
    id: recordKey(i),
    category: categories[Math.floor(next() * categories.length)],
    amount: Math.round(next() * 10_000) / 100,
    text: words.join(" "),
  });
  return { key: recordKey(i), value, timestamp: baseTime + i };
}

/** The payment for record i (every other record has one), 500 ms of event time after its order. */
export function makePayment(i: number): BenchRecord {
  return { key: recordKey(i), value: JSON.stringify({ order_id: recordKey(i), method: i % 4 === 0 ? "card" : "cash", paid: Math.round(i % 9_973) / 100 }), timestamp: baseTime + i + 500 };
}
