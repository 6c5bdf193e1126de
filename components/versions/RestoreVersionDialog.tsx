"use client";

import { LoaderCircle, RotateCcw } from "lucide-react";
import { useId, useState } from "react";
import { restorePipelineVersion } from "@/lib/client/api/versions";
import type { PipelineDetail, VersionSummary } from "@/lib/client/api/pipelines";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TextInput } from "@/components/ui/TextInput";

type RestoreVersionDialogProps = {
  pipelineId: string;
  /** The version to restore; the dialog is open while it is set. */
  version: VersionSummary | null;
  /** The canvas has unsaved changes, which the restored version replaces. */
  dirty: boolean;
  onClose: () => void;
  onRestored: (pipeline: PipelineDetail) => void;
};

/**
 * Asks before restoring a version: the API saves its graph again as the newest version
 * ("Restored from version N", plus the optional message), so nothing in the history is
 * lost, and the canvas then shows it.
 */
export function RestoreVersionDialog({ pipelineId, version, dirty, onClose, onRestored }: RestoreVersionDialogProps) {
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const messageId = useId();

  function close() {
    setMessage("");
    setError(null);
    onClose();
  }

  async function restore() {
    if (!version) return;
    setPending(true);
    setError(null);
    try {
      const pipeline = await restorePipelineVersion(pipelineId, version.version, message.trim() || undefined);
      setMessage("");
      onRestored(pipeline);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={version !== null}
      onClose={close}
      title={version ? `Restore version ${version.version}?` : "Restore"}
      description={version ? <>Its graph is saved again as the newest version, with the message “Restored from version {version.version}”. Every version stays in the history.</> : undefined}
      data-testid="restore-dialog"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" icon={pending ? <LoaderCircle className="animate-spin" /> : <RotateCcw />} onClick={() => void restore()} disabled={pending} data-testid="confirm-restore">
            Restore v{version?.version}
          </Button>
        </>
      }
    >
      {dirty && (
        <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="restore-dirty-warning">
          The canvas has unsaved changes. They are replaced by the restored version (Undo brings them back).
        </p>
      )}
      <label htmlFor={messageId} className="mb-1 block text-xs font-medium text-slate-700">
        Why? <span className="font-normal text-slate-500">(optional, added to the message)</span>
      </label>
      <TextInput id={messageId} value={message} onChange={(event) => setMessage(event.target.value)} maxLength={300} className="w-full" placeholder="e.g. v4 dropped every short word" data-testid="restore-message" />
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          Could not restore: {error}
        </p>
      )}
    </Dialog>
  );
}
