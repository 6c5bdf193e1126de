import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { onVersionSaved } from "../pipelines/version-events";
import { getTelemetryHub, type HubEvent } from "./telemetry-hub";

const heartbeatMs = 10_000;

/**
 * A server-sent-event stream of one pipeline's telemetry: first a `snapshot`
 * event (an hour of history and the latest samples), then `metrics` and
 * `samples` events as the engine reports, and `version-saved` when someone
 * saves a version, with a comment line every 10 s so proxies keep the
 * connection. Browsers' EventSource reconnects by itself. With `telemetry:
 * false` (`?events=versions`) only `version-saved` events come: what an editor
 * of a pipeline that is not deployed needs.
 */
export async function openLiveStream(pipelineId: string, signal: AbortSignal, { telemetry = true }: { telemetry?: boolean } = {}): Promise<Response> {
  const db = await getDb();
  if (!(await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } }))) throw notFound(`Pipeline '${pipelineId}'`);
  const hub = getTelemetryHub();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      if (telemetry) send("snapshot", { history: hub.historyOf(pipelineId), samples: hub.samplesOf(pipelineId), telemetryError: hub.error });
      const unsubscribeHub = telemetry
        ? hub.subscribe((event: HubEvent) => {
            if (event.pipelineId !== pipelineId) return;
            if (event.kind === "metrics") send("metrics", event.point);
            else send("samples", event.samples);
          })
        : () => {};
      const unsubscribeVersions = onVersionSaved((event) => {
        if (event.pipelineId === pipelineId) send("version-saved", event);
      });
      const unsubscribe = () => {
        unsubscribeHub();
        unsubscribeVersions();
      };
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), heartbeatMs);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
