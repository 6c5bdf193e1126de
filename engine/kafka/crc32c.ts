// CRC-32C (Castagnoli), the checksum of Kafka record batches, eight bytes a
// step ("slicing by 8"). kafkajs's own goes a byte at a time and was about
// half of the produce request encoder's time; same results (tested).

const POLYNOMIAL = 0x82f63b78;

/** table[k * 256 + b]: the CRC of byte b followed by k zero bytes. */
const table = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    t[n] = c;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const previous = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (previous >>> 8) ^ t[previous & 0xff]!;
    }
  }
  return t;
})();

/** The CRC-32C of a buffer, as an unsigned 32-bit number. */
export function crc32c(buffer: Uint8Array): number {
  const t = table;
  let crc = -1;
  let i = 0;
  const end = buffer.length;
  for (const last = end - 8; i <= last; i += 8) {
    crc ^= buffer[i]! | (buffer[i + 1]! << 8) | (buffer[i + 2]! << 16) | (buffer[i + 3]! << 24);
    crc =
      t[1792 + (crc & 0xff)]! ^
      t[1536 + ((crc >>> 8) & 0xff)]! ^
      t[1280 + ((crc >>> 16) & 0xff)]! ^
      t[1024 + (crc >>> 24)]! ^
      t[768 + buffer[i + 4]!]! ^
      t[512 + buffer[i + 5]!]! ^
      t[256 + buffer[i + 6]!]! ^
      t[buffer[i + 7]!]!;
  }
  for (; i < end; i++) crc = t[(crc ^ buffer[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
