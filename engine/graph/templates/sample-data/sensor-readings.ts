import { byTime, type SampleOptions, type SampleRecord } from "./sample-record";
import { seededRandom } from "./seeded-random";

const sites = ["plant-a", "plant-b", "warehouse"] as const;

/**
 * Readings of 24 sensors every 15 seconds over the last ten minutes, as
 * gateways deliver them: about one in five is sent again 1–8 seconds later
 * with the same reading id (an at-least-once retry). Keyed by sensor id.
 */
export function sensorReadings({ topics, now, seed }: SampleOptions): SampleRecord[] {
  const random = seededRandom(seed);
  const records: SampleRecord[] = [];
  const span = 10 * 60_000;
  for (let s = 1; s <= 24; s++) {
    const sensor = `sensor-${String(s).padStart(2, "0")}`;
    const site = sites[s % sites.length]!;
    let temperature = 18 + random.next() * 6;
    for (let at = now - span + random.int(0, 15_000), n = 0; at <= now; at += 15_000, n++) {
      temperature += (random.next() - 0.5) * 0.6;
      const reading = { reading_id: `${sensor}-${n}`, sensor_id: sensor, site, temperature: Math.round(temperature * 10) / 10, humidity: random.int(30, 60), measured_at: at };
      records.push({ topic: topics.readings!, key: sensor, value: reading, timestamp: at });
      if (random.chance(0.2)) records.push({ topic: topics.readings!, key: sensor, value: reading, timestamp: Math.min(now, at + random.int(1_000, 8_000)) });
    }
  }
  return byTime(records);
}
