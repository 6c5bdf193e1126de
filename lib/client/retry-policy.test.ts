import { describe, expect, it } from "vitest";
import { maxRetries, maxRetryDelayMs, parseRetryAfter, retryDelayMs } from "./retry-policy";

const now = Date.parse("2026-12-02T04:00:00Z");
const busyRead = { method: "GET", status: 503, retryAfter: "2", code: "busy", attempt: 0, now };

describe("retryDelayMs", () => {
  it("waits as long as Retry-After says before reading again", () => {
    expect(retryDelayMs(busyRead)).toBe(2_000);
    expect(retryDelayMs({ ...busyRead, code: undefined })).toBe(2_000);
  });

  it("retries a write only when the server marked it busy (refused before doing anything)", () => {
    expect(retryDelayMs({ ...busyRead, method: "POST" })).toBe(2_000);
    expect(retryDelayMs({ ...busyRead, method: "POST", code: "kafka_unavailable" })).toBeNull();
    expect(retryDelayMs({ ...busyRead, method: "PUT", code: undefined })).toBeNull();
  });

  it("answers at once without Retry-After, on other statuses, and after the last attempt", () => {
    expect(retryDelayMs({ ...busyRead, retryAfter: null })).toBeNull();
    expect(retryDelayMs({ ...busyRead, status: 429 })).toBeNull();
    expect(retryDelayMs({ ...busyRead, status: 500 })).toBeNull();
    expect(retryDelayMs({ ...busyRead, attempt: maxRetries - 1 })).toBe(2_000);
    expect(retryDelayMs({ ...busyRead, attempt: maxRetries })).toBeNull();
  });

  it("gives up rather than wait longer than the cap", () => {
    expect(retryDelayMs({ ...busyRead, retryAfter: String(maxRetryDelayMs / 1000) })).toBe(maxRetryDelayMs);
    expect(retryDelayMs({ ...busyRead, retryAfter: String(maxRetryDelayMs / 1000 + 1) })).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 3 ", now)).toBe(3_000);
    expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
  });

  it("refuses what it cannot read", () => {
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-1", now)).toBeNull();
  });
});
