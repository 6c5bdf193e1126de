"use client";

import { useEffect, useState } from "react";
import { liveEvents, openVersionStream, type VersionSaved } from "@/lib/client/api/live";

/**
 * Hears, over the pipeline's live stream, of versions saved elsewhere (another
 * tab, another user). A save is "elsewhere" when its version is newer than the
 * one this editor last saved or loaded, judged once this editor's own save has
 * settled: its own save's event may arrive before the save's answer does.
 * Returns the newest such save, until `dismiss`.
 */
export function useConcurrentSaves(pipelineId: string, savedVersion: number, saving: boolean): { saved: VersionSaved | null; dismiss: () => void } {
  const [heard, setHeard] = useState<VersionSaved | null>(null);
  const [dismissed, setDismissed] = useState(0);

  useEffect(() => {
    const source = openVersionStream(pipelineId);
    const onSaved = (event: MessageEvent<string>) => {
      try {
        const saved = liveEvents["version-saved"](JSON.parse(event.data));
        setHeard((current) => (current && current.version >= saved.version ? current : saved));
      } catch {
        // A malformed event is not worth breaking the editor for; the next one will do.
      }
    };
    source.addEventListener("version-saved", onSaved as EventListener);
    return () => source.close();
  }, [pipelineId]);

  const saved = heard && !saving && heard.version > savedVersion && heard.version > dismissed ? heard : null;
  return { saved, dismiss: () => setDismissed(heard?.version ?? 0) };
}
