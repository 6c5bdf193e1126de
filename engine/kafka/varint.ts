// Kafka's zig-zag varints (record lengths, deltas, key and value sizes) with
// plain numbers instead of kafkajs's 64-bit `Long`: exact for magnitudes below
// 2^52, which callers check.

/** Zig-zag encoding: 0, -1, 1, -2, … → 0, 1, 2, 3, … */
export const zigZag = (value: number) => (value >= 0 ? 2 * value : -2 * value - 1);

/** Bytes a zig-zagged value takes as a varint. */
export function varIntSize(zigZagged: number): number {
  let size = 1;
  while (zigZagged >= 128) {
    zigZagged = Math.floor(zigZagged / 128);
    size++;
  }
  return size;
}

/** Writes a zig-zagged value as a varint at `offset`; returns the offset after it. */
export function writeVarInt(buffer: Buffer, offset: number, zigZagged: number): number {
  while (zigZagged >= 128) {
    buffer[offset++] = (zigZagged % 128) | 128;
    zigZagged = Math.floor(zigZagged / 128);
  }
  buffer[offset++] = zigZagged;
  return offset;
}
