"use client";

import { useState } from "react";
import { deletePipeline } from "@/lib/client/api/pipelines";
import { type PipelineSummary } from "@/lib/client/api/pipelines";
import type { DeploymentView } from "@/lib/client/use-deployment-status";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FieldErrors } from "@/components/ui/FormField";

type DeletePipelineDialogProps = {
  /** The pipeline to delete, with its deployment when the dashboard knows it; the dialog is open while this is set. */
  pipeline: (PipelineSummary & { deployment?: DeploymentView | null }) | null;
  onClose: () => void;
  onDeleted: (id: string) => void;
};

/** Confirms before deleting a pipeline, since its versions go with it. */
export function DeletePipelineDialog({ pipeline, onClose, onDeleted }: DeletePipelineDialogProps) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    if (deleting) return;
    setError(null);
    onClose();
  }

  async function confirm() {
    if (!pipeline) return;
    setDeleting(true);
    setError(null);
    try {
      await deletePipeline(pipeline.id);
      onDeleted(pipeline.id);
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setDeleting(false);
    }
  }

  const versions = pipeline?.version ?? 0;
  const deployment = pipeline?.deployment ?? null;
  // What the engine still runs: a deployment that is running, starting, degraded or on its way down.
  const active = deployment !== null && !["stopped", "failed"].includes(deployment.status);
  return (
    <Dialog
      open={pipeline !== null}
      onClose={close}
      title={`Delete “${pipeline?.name ?? ""}”?`}
      data-testid="delete-pipeline-dialog"
      footer={
        <>
          <Button onClick={close} disabled={deleting}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={deleting} data-testid="delete-pipeline-confirm">
            {deleting ? "Deleting…" : active ? "Stop and delete" : "Delete pipeline"}
          </Button>
        </>
      }
    >
      {active && (
        <div role="note" data-testid="delete-running-warning" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm leading-6 text-amber-900">
          <strong className="font-semibold">It is {deployment.status === "running" ? "running" : deployment.status}</strong> (v{deployment.version}
          {deployment.runtime === "flink" ? " on Flink" : ""}). Deleting it stops the deployment within seconds: no more records are read or
          written. What it already wrote stays in its output topics, and its consumer group and state topics stay in Kafka.
        </div>
      )}
      <p className="text-sm leading-6 text-slate-600">
        The pipeline and its {versions === 1 ? "only version" : `${versions} versions`} will be deleted. This cannot be undone.
      </p>
      {error && (
        <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2">
          <FieldErrors errors={[`Could not delete: ${error}`]} />
        </div>
      )}
    </Dialog>
  );
}
