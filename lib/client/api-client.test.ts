import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { request } from "./api-client";
import { ApiError } from "./api-error";

/**
 * The client's own behaviour (retry, contract check, error type) against a scripted
 * `fetch`: the server's side of the contract is tested through the route handlers.
 */

type Scripted = { status: number; body?: unknown; headers?: Record<string, string> };

function script(...answers: Scripted[]): { calls: { method: string; path: string }[] } {
  const calls: { method: string; path: string }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (path: string, init: RequestInit) => {
      calls.push({ method: init.method ?? "GET", path });
      const answer = answers.shift();
      if (!answer) throw new Error("no more scripted answers");
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
    }),
  );
  return { calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const thing = z.object({ thing: z.object({ id: z.string() }) });
const busy = (code = "busy"): Scripted => ({ status: 503, headers: { "retry-after": "1" }, body: { error: { code, message: "Busy, try again" } } });

describe("request", () => {
  it("returns the answer parsed with its schema", async () => {
    script({ status: 200, body: { thing: { id: "a" } } });
    await expect(request("GET", "/api/things/a", { schema: thing })).resolves.toEqual({ thing: { id: "a" } });
  });

  it("turns the API's error body into an ApiError with code, message and field problems", async () => {
    script({ status: 400, body: { error: { code: "invalid_request", message: "name: Name is required", details: [{ field: "name", message: "Name is required" }] } } });
    const error = await request("POST", "/api/things", { json: {}, schema: thing }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "invalid_request", message: "name: Name is required" });
    expect((error as ApiError).fieldProblems).toEqual({ name: ["Name is required"] });
  });

  it("refuses an answer that breaks the contract, naming the field", async () => {
    script({ status: 200, body: { thing: { id: 7 } } });
    await expect(request("GET", "/api/things/a", { schema: thing })).rejects.toMatchObject({ code: "invalid_response", message: expect.stringContaining("thing.id") });
  });

  it("retries a read the server answered busy with Retry-After, then returns its answer", async () => {
    vi.useFakeTimers();
    const { calls } = script(busy("kafka_unavailable"), busy(), { status: 200, body: { thing: { id: "a" } } });
    const answer = request("GET", "/api/things/a", { schema: thing });
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(answer).resolves.toEqual({ thing: { id: "a" } });
    expect(calls).toHaveLength(3);
  });

  it("retries a write only when the server marked it busy", async () => {
    vi.useFakeTimers();
    const first = script(busy(), { status: 202, body: { thing: { id: "a" } } });
    const accepted = request("POST", "/api/things/a/deploy", { schema: thing });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(accepted).resolves.toEqual({ thing: { id: "a" } });
    expect(first.calls).toHaveLength(2);

    const second = script(busy("kafka_unavailable"));
    await expect(request("POST", "/api/things/a/preview", { schema: thing })).rejects.toMatchObject({ status: 503, code: "kafka_unavailable" });
    expect(second.calls).toHaveLength(1);
  });

  it("stops retrying when the caller aborts", async () => {
    vi.useFakeTimers();
    script(busy(), busy());
    const controller = new AbortController();
    const answer = request("GET", "/api/things/a", { schema: thing, signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await answer).toBeInstanceOf(DOMException);
  });

  it("says the server cannot be reached when fetch fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    await expect(request("GET", "/api/things")).rejects.toMatchObject({ status: 0, code: "NETWORK" });
  });
});
