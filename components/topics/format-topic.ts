/** Display helpers of the topic browser (pure, shared by its components). */

/** `1,234,567` from a decimal string of any size. */
export function formatCount(value: string): string {
  return BigInt(value).toLocaleString("en");
}

/** A retention in words: `7 days`, `12 hours`, `forever`. */
export function formatRetention(ms: number | null): string {
  if (ms === null) return "forever";
  const units: [number, string][] = [[86_400_000, "day"], [3_600_000, "hour"], [60_000, "minute"], [1_000, "second"]];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count.toLocaleString("en")} ${name}${count === 1 ? "" : "s"}`;
    }
  }
  return `${ms} ms`;
}

/** Base64 as hexadecimal bytes, `7b 22 69 …`. */
export function base64ToHex(base64: string): string {
  const binary = atob(base64);
  const bytes: string[] = [];
  for (let i = 0; i < binary.length; i++) bytes.push(binary.charCodeAt(i).toString(16).padStart(2, "0"));
  return bytes.join(" ");
}

/** A decoded key or value as one line of text. */
export function previewValue(decoded: { kind: string; value: unknown; raw: string | null }): string {
  if (decoded.kind === "null") return "null";
  if (decoded.kind === "binary") return `0x${base64ToHex(decoded.raw ?? "").replaceAll(" ", "").slice(0, 64)}`;
  if (decoded.kind === "json") return JSON.stringify(decoded.value);
  return String(decoded.value);
}
