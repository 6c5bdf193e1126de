import { describe, expect, it } from "vitest";
import { sampleEntries } from "./sample-entries";

const sample = (at: number, fields: unknown) => ({ at, timestamp: at - 5, fields });

describe("sampleEntries", () => {
  it("keys rows by content, so the same record keeps its key across updates", () => {
    const first = sampleEntries([sample(1, { word: "to" }), sample(2, { word: "be" })], "", false);
    const again = sampleEntries([sample(1, { word: "to" }), sample(2, { word: "be" }), sample(3, { word: "or" })], "", false);
    expect(again.slice(0, 2).map((entry) => entry.key)).toEqual(first.map((entry) => entry.key));
    expect(new Set(again.map((entry) => entry.key)).size).toBe(3);
  });

  it("tells identical records of the same millisecond apart", () => {
    const entries = sampleEntries([sample(1, { word: "be" }), sample(1, { word: "be" })], "", false);
    expect(entries[0]!.key).not.toBe(entries[1]!.key);
  });

  it("filters on the JSON text with a lower-case needle, and can put the newest first", () => {
    const samples = [sample(1, { city: "Paris" }), sample(2, { city: "Oslo" }), sample(3, { city: "Paris" })];
    expect(sampleEntries(samples, "paris", false).map((entry) => entry.sample.at)).toEqual([1, 3]);
    expect(sampleEntries(samples, "", true).map((entry) => entry.sample.at)).toEqual([3, 2, 1]);
    expect(sampleEntries([sample(1, undefined)], "", false)[0]!.json).toBe("null");
  });
});
