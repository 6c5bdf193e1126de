import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32c } from "./crc32c";

const kafkajsCrc32c = createRequire(import.meta.url)("kafkajs/src/protocol/recordBatch/crc32C") as (buffer: Buffer) => number;

describe("crc32c", () => {
  it("gives the CRC-32C check value", () => {
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it("agrees with kafkajs's on any bytes, at any length and offset", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), (bytes, skip) => {
        const buffer = Buffer.from(bytes).subarray(Math.min(skip, bytes.length));
        expect(crc32c(buffer)).toBe(kafkajsCrc32c(buffer));
      }),
      { numRuns: 500 },
    );
  });
});
