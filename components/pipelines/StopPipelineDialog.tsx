"use client";

import { Square } from "lucide-react";
import { useState } from "react";
import { deploymentActions } from "@/lib/client/use-deployment-status";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FieldErrors } from "@/components/ui/FormField";

type StopPipelineDialogProps = {
  /** The pipeline to stop; the dialog is open while this is set. */
  pipeline: { id: string; name: string } | null;
  onClose: () => void;
  onStopped: () => void;
};

/** Confirms before stopping a pipeline from the dashboard, as the editor and monitor do. */
export function StopPipelineDialog({ pipeline, onClose, onStopped }: StopPipelineDialogProps) {
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    if (stopping) return;
    setError(null);
    onClose();
  }

  async function confirm() {
    if (!pipeline) return;
    setStopping(true);
    setError(null);
    // Through the pipeline's deployment store, like the editor's and the monitor's Stop.
    const refused = await deploymentActions(pipeline.id).stop();
    setStopping(false);
    if (refused) return setError(refused.message);
    onStopped();
    onClose();
  }

  return (
    <Dialog
      open={pipeline !== null}
      onClose={close}
      title={`Stop “${pipeline?.name ?? ""}”?`}
      description="It stops reading its sources and writing its sinks."
      data-testid="stop-pipeline-dialog"
      footer={
        <>
          <Button onClick={close} disabled={stopping}>
            Cancel
          </Button>
          <Button variant="danger" icon={<Square />} onClick={() => void confirm()} disabled={stopping} data-testid="stop-pipeline-confirm">
            {stopping ? "Stopping…" : "Stop pipeline"}
          </Button>
        </>
      }
    >
      <p className="text-sm leading-6 text-slate-600">
        Consumer offsets and operator state are kept, so the next deploy continues where it stopped. Records produced meanwhile wait in Kafka.
      </p>
      {error && (
        <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2">
          <FieldErrors errors={[`Could not stop: ${error}`]} />
        </div>
      )}
    </Dialog>
  );
}
