import { afterEach, describe, expect, it, vi } from "vitest";
import { request, retryAfterMs } from "./api-client";

describe("request", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  const busy = () => answer(503, { error: { code: "busy", message: "The database is busy" } }, { "retry-after": "0" });

  it("sends a request answered 503 busy again after Retry-After, and returns the answer that succeeds", async () => {
    const fetch = vi.fn().mockResolvedValueOnce(busy()).mockResolvedValueOnce(busy()).mockResolvedValueOnce(answer(200, { ok: 1 }));
    globalThis.fetch = fetch as typeof globalThis.fetch;
    await expect(request("POST", "/api/pipelines", { json: { name: "x" } })).resolves.toEqual({ ok: 1 });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("gives up after four tries with the busy error", async () => {
    const fetch = vi.fn().mockImplementation(async () => busy());
    globalThis.fetch = fetch as typeof globalThis.fetch;
    await expect(request("GET", "/api/pipelines")).rejects.toMatchObject({ status: 503, code: "busy" });
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it("does not retry other errors", async () => {
    const fetch = vi.fn().mockResolvedValue(answer(500, { error: { code: "internal_error", message: "boom" } }));
    globalThis.fetch = fetch as typeof globalThis.fetch;
    await expect(request("GET", "/api/pipelines")).rejects.toMatchObject({ status: 500 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and keeps the wait between 0.2 and 5 s", () => {
    expect(retryAfterMs("1")).toBe(1_000);
    expect(retryAfterMs(null)).toBe(1_000);
    expect(retryAfterMs("0")).toBe(200);
    expect(retryAfterMs("120")).toBe(5_000);
    expect(retryAfterMs("soon")).toBe(1_000);
  });
});
