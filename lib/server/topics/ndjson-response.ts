import "server-only";

/**
 * Streams events as NDJSON (one JSON object per line), flushed as they come.
 * A failure after the stream opened (the status is already 200) becomes a
 * last line `{ "type": "error", message }`; the client going away stops the source.
 */
export function ndjsonResponse(events: AsyncIterable<unknown>, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (error) {
        if (!signal.aborted) {
          console.error("[topics] search failed while streaming", error);
          controller.enqueue(encoder.encode(`${JSON.stringify({ type: "error", message: `The search stopped: ${error instanceof Error ? error.message : String(error)}` })}\n`));
        }
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
}
