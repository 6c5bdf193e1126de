import { livePoint, liveSamples, liveSnapshot, versionSaved, type LivePoint, type LiveSamples, type LiveSnapshot, type NodeLive, type VersionSaved } from "@/lib/schemas/live";
import { pipelinePath } from "./pipelines";

/** The live telemetry stream of one pipeline (server-sent events), with its events parsed by the shared schemas. */

export type { LivePoint, LiveSamples, LiveSnapshot, NodeLive, VersionSaved };

/** Opens the stream; the caller listens for `snapshot`, `metrics` and `samples` and closes it. */
export function openLiveStream(pipelineId: string): EventSource {
  return new EventSource(`${pipelinePath(pipelineId)}/live`);
}

/** The same stream with only its `version-saved` events: no telemetry snapshot, for an editor that only needs to hear of saves. */
export function openVersionStream(pipelineId: string): EventSource {
  return new EventSource(`${pipelinePath(pipelineId)}/live?events=versions`);
}

/** The parsers of the stream's events, by event name; each throws on an event that breaks the contract. */
export const liveEvents = {
  snapshot: (data: unknown): LiveSnapshot => liveSnapshot.parse(data),
  metrics: (data: unknown): LivePoint => livePoint.parse(data),
  samples: (data: unknown): LiveSamples => liveSamples.parse(data),
  "version-saved": (data: unknown): VersionSaved => versionSaved.parse(data),
};
