"use client";

import clsx from "clsx";
import { FileText, LayoutTemplate, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { createPipeline } from "@/lib/client/api/pipelines";
import { pipelineName } from "@/lib/schemas/pipelines";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FieldErrors, FormField } from "@/components/ui/FormField";
import { TextArea } from "@/components/ui/TextArea";
import { TextInput } from "@/components/ui/TextInput";
import { pipelineStarter, pipelineStarters, type PipelineStarterId } from "./pipeline-starters";

type NewPipelineDialogProps = {
  open: boolean;
  onClose: () => void;
  initialStarter?: PipelineStarterId;
};

/** Asks for a name, a description and a starting point, creates the pipeline and opens it. */
export function NewPipelineDialog({ open, onClose, initialStarter = "blank" }: NewPipelineDialogProps) {
  const router = useRouter();
  const formId = useId();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [starterId, setStarterId] = useState<PipelineStarterId>(initialStarter);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameTouched, setNameTouched] = useState(false);

  const nameCheck = pipelineName.safeParse(name);
  const nameError = nameTouched && !nameCheck.success ? (nameCheck.error.issues[0]?.message ?? "Invalid name") : null;

  function close() {
    if (submitting) return;
    setName("");
    setDescription("");
    setStarterId(initialStarter);
    setError(null);
    setNameTouched(false);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNameTouched(true);
    if (!nameCheck.success) return;
    setSubmitting(true);
    setError(null);
    try {
      const pipeline = await createPipeline({
        name: nameCheck.data,
        description: description.trim(),
        graph: pipelineStarter(starterId).graph(),
        message: starterId === "blank" ? "Created" : `Created from the ${pipelineStarter(starterId).title} template`,
        draft: true,
      });
      router.push(`/pipelines/${encodeURIComponent(pipeline.id)}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setSubmitting(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New pipeline"
      description="Pipelines are saved as versions; you can rename them later."
      data-testid="new-pipeline-dialog"
      footer={
        <>
          <Button onClick={close} disabled={submitting}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={formId} disabled={submitting}>
            {submitting ? "Creating…" : "Create pipeline"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <FormField label="Name" htmlFor={`${formId}-name`} errors={nameError ? [nameError] : []}>
          <TextInput
            id={`${formId}-name`}
            data-testid="new-pipeline-name"
            value={name}
            autoFocus
            maxLength={100}
            placeholder="e.g. Orders enrichment"
            invalid={Boolean(nameError)}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => setNameTouched(true)}
          />
        </FormField>
        <FormField label="Description" htmlFor={`${formId}-description`} hint="Optional. What the pipeline does and who owns it.">
          <TextArea
            id={`${formId}-description`}
            data-testid="new-pipeline-description"
            value={description}
            rows={2}
            maxLength={2000}
            onChange={(event) => setDescription(event.target.value)}
          />
        </FormField>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-xs font-medium text-slate-700">Start from</legend>
          <div className="grid grid-cols-2 gap-2">
            {pipelineStarters.map((starter) => (
              <label
                key={starter.id}
                data-testid={`start-${starter.id}`}
                className={clsx(
                  "flex cursor-pointer flex-col gap-1 rounded-md border p-3 transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-200",
                  starterId === starter.id ? "border-indigo-500 bg-indigo-50/60" : "border-slate-200 hover:border-slate-300",
                )}
              >
                <input
                  type="radio"
                  name={`${formId}-starter`}
                  value={starter.id}
                  checked={starterId === starter.id}
                  onChange={() => {
                    setStarterId(starter.id);
                    if (!name.trim()) setName(starter.suggestedName);
                  }}
                  className="sr-only"
                />
                <span className="flex items-center gap-2 text-sm font-medium text-slate-900">
                  {starter.id === "blank" ? (
                    <FileText className="size-4 text-slate-500" aria-hidden="true" />
                  ) : (
                    <Workflow className="size-4 text-slate-500" aria-hidden="true" />
                  )}
                  {starter.title}
                </span>
                <span className="text-xs leading-4 text-slate-600">{starter.description}</span>
              </label>
            ))}
          </div>
          <Link href="/templates" className="mt-1 flex items-center gap-1.5 self-start text-xs font-medium text-indigo-700 hover:underline" data-testid="browse-templates">
            <LayoutTemplate className="size-3.5" aria-hidden="true" />
            More templates, with sample data: orders, payments, clicks, logs, sensors
          </Link>
        </fieldset>
        {error && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
            <FieldErrors errors={[`Could not create the pipeline: ${error}`]} />
          </div>
        )}
      </form>
    </Dialog>
  );
}
