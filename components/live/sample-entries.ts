import type { Sample } from "@/lib/client/use-live-telemetry";

/** A sample ready to draw: its JSON text (for the filter and the raw view) and a key stable across updates. */
export type SampleEntry = { key: string; sample: Sample; json: string };

/**
 * Entries for a list of samples, filtered by a lower-case text and optionally reversed.
 * Live samples arrive as new objects every second even when they did not change; keying
 * rows by content lets React keep the rows it has and only add the new records.
 */
export function sampleEntries(samples: readonly Sample[], filter: string, newestFirst: boolean): SampleEntry[] {
  const seen = new Map<string, number>();
  const entries: SampleEntry[] = [];
  for (const sample of samples) {
    const json = JSON.stringify(sample.fields) ?? "null";
    if (filter && !json.toLowerCase().includes(filter)) continue;
    const base = `${sample.at}:${sample.timestamp}:${hash(json)}`;
    // Identical records in the same millisecond are common (a word counted twice in one line).
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    entries.push({ key: `${base}:${occurrence}`, sample, json });
  }
  return newestFirst ? entries.reverse() : entries;
}

/** FNV-1a, 32 bits: short keys for possibly long JSON; a collision only costs a re-render. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return (value >>> 0).toString(36);
}
