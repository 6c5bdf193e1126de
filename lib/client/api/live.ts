import { livePoint, liveSamples, liveSnapshot, type LivePoint, type LiveSamples, type LiveSnapshot, type NodeLive } from "@/lib/schemas/live";
import { pipelinePath } from "./pipelines";

/** The live telemetry stream of one pipeline (server-sent events), with its events parsed by the shared schemas. */

export type { LivePoint, LiveSamples, LiveSnapshot, NodeLive };

/** Opens the stream; the caller listens for `snapshot`, `metrics` and `samples` and closes it. */
export function openLiveStream(pipelineId: string): EventSource {
  return new EventSource(`${pipelinePath(pipelineId)}/live`);
}

/** The parsers of the stream's events, by event name; each throws on an event that breaks the contract. */
export const liveEvents = {
  snapshot: (data: unknown): LiveSnapshot => liveSnapshot.parse(data),
  metrics: (data: unknown): LivePoint => livePoint.parse(data),
  samples: (data: unknown): LiveSamples => liveSamples.parse(data),
};
