"use client";

import { useState } from "react";
import { deletePipeline } from "@/lib/client/api/pipelines";
import { type PipelineSummary } from "@/lib/client/api/pipelines";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FieldErrors } from "@/components/ui/FormField";

type DeletePipelineDialogProps = {
  /** The pipeline to delete; the dialog is open while this is set. */
  pipeline: PipelineSummary | null;
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
          <Button variant="danger" onClick={confirm} disabled={deleting}>
            {deleting ? "Deleting…" : "Delete pipeline"}
          </Button>
        </>
      }
    >
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
