import "server-only";
import { EventEmitter } from "node:events";
import type { VersionSaved } from "@/lib/schemas/live";

const holder = globalThis as unknown as { streamlineVersionEvents?: EventEmitter };

function emitter(): EventEmitter {
  if (!holder.streamlineVersionEvents) {
    holder.streamlineVersionEvents = new EventEmitter();
    // One listener per open editor or monitor stream.
    holder.streamlineVersionEvents.setMaxListeners(0);
  }
  return holder.streamlineVersionEvents;
}

/**
 * Tells this web server's live streams that a version was saved, so open
 * editors learn of it within a second. In-process: with several web servers
 * behind a balancer, only the streams of the one that took the save hear it.
 */
export function publishVersionSaved(event: VersionSaved): void {
  emitter().emit("version-saved", event);
}

/** Listens for saved versions (of every pipeline); returns the unsubscribe. */
export function onVersionSaved(listener: (event: VersionSaved) => void): () => void {
  emitter().on("version-saved", listener);
  return () => emitter().off("version-saved", listener);
}
