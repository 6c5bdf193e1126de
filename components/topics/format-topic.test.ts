import { describe, expect, it } from "vitest";
import { base64ToHex, formatCount, formatRetention, previewValue } from "./format-topic";

describe("topic browser formatting", () => {
  it("formats counts beyond 2^53 and retentions in words", () => {
    expect(formatCount("9007199254740993")).toBe("9,007,199,254,740,993");
    expect(formatRetention(604_800_000)).toBe("7 days");
    expect(formatRetention(3_600_000)).toBe("1 hour");
    expect(formatRetention(1500)).toBe("1500 ms");
    expect(formatRetention(null)).toBe("forever");
  });

  it("shows bytes as hex and values as one line", () => {
    expect(base64ToHex(Buffer.from([0, 255, 16]).toString("base64"))).toBe("00 ff 10");
    expect(previewValue({ kind: "json", value: { a: 1 }, raw: "" })).toBe('{"a":1}');
    expect(previewValue({ kind: "binary", value: null, raw: Buffer.from([1, 2]).toString("base64") })).toBe("0x0102");
    expect(previewValue({ kind: "null", value: null, raw: null })).toBe("null");
  });
});
