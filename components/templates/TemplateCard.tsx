"use client";

import { ArrowRight, CircleCheck, Database, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { templateTopics, type PipelineTemplate } from "@/engine/graph";
import { createPipeline, listPipelines } from "@/lib/client/api/pipelines";
import { loadSampleData, type SampleDataResult } from "@/lib/client/api/templates";
import { topicNameSchema } from "@/lib/schemas/topics";
import { Button } from "@/components/ui/Button";
import { FieldErrors } from "@/components/ui/FormField";
import { TextInput } from "@/components/ui/TextInput";
import { TemplateGraphPreview } from "./TemplateGraphPreview";
import { uniquePipelineName } from "./unique-pipeline-name";

type Busy = "idle" | "creating" | "loading";

/**
 * One template of the gallery: what it does, its graph, the topics it uses
 * (editable, defaults filled in), and the two actions: make a pipeline of it,
 * and fill its input topics with sample records.
 */
export function TemplateCard({ template, canEdit }: { template: PipelineTemplate; canEdit: boolean }) {
  const router = useRouter();
  const formId = useId();
  const [names, setNames] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Busy>("idle");
  const [loaded, setLoaded] = useState<SampleDataResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const topics = templateTopics(template, names);
  const document = useMemo(() => template.build(templateTopics(template)), [template]);
  const topicErrors = Object.fromEntries(
    template.topics.map((topic) => {
      const check = topicNameSchema.safeParse(topics[topic.role]);
      return [topic.role, check.success ? null : (check.error.issues[0]?.message ?? "Invalid topic name")];
    }),
  );
  const invalid = Object.values(topicErrors).some(Boolean);

  async function useTemplate() {
    setBusy("creating");
    setError(null);
    try {
      const taken = (await listPipelines()).map((p) => p.name);
      const pipeline = await createPipeline({
        name: uniquePipelineName(template.title, taken),
        description: template.description,
        graph: template.build(topics),
        message: `Created from the ${template.title} template`,
        draft: true,
      });
      router.push(`/pipelines/${encodeURIComponent(pipeline.id)}`);
    } catch (caught) {
      setError(`Could not create the pipeline: ${caught instanceof Error ? caught.message : String(caught)}`);
      setBusy("idle");
    }
  }

  async function loadSamples() {
    setBusy("loading");
    setError(null);
    setLoaded(null);
    try {
      const inputs = Object.fromEntries(template.topics.filter((t) => t.direction === "input").map((t) => [t.role, topics[t.role]!]));
      setLoaded(await loadSampleData(template.id, { topics: inputs }));
    } catch (caught) {
      setError(`Could not load sample data: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy("idle");
    }
  }

  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white shadow-xs" data-testid={`template-${template.id}`} aria-labelledby={`${formId}-title`}>
      <div className="border-b border-slate-100 bg-slate-50/60 px-4 py-3">
        <TemplateGraphPreview document={document} />
      </div>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div>
          <h2 id={`${formId}-title`} className="text-sm font-semibold text-slate-900">
            {template.title}
          </h2>
          <p className="mt-1 text-xs leading-5 text-slate-600">{template.description}</p>
        </div>
        <fieldset className="flex flex-col gap-1.5" disabled={!canEdit || busy !== "idle"}>
          <legend className="mb-1 text-xs font-medium text-slate-700">Topics</legend>
          {template.topics.map((topic) => (
            <div key={topic.role} className="grid grid-cols-[7.5rem_1fr] items-center gap-2">
              <label htmlFor={`${formId}-${topic.role}`} className="text-xs leading-4 text-slate-500">
                {topic.direction === "input" ? "reads" : "writes"} · {topic.label}
              </label>
              <TextInput
                id={`${formId}-${topic.role}`}
                data-testid={`template-topic-${template.id}-${topic.role}`}
                className="h-7 font-mono text-xs"
                value={names[topic.role] ?? topic.defaultName}
                invalid={Boolean(topicErrors[topic.role])}
                onChange={(event) => setNames((current) => ({ ...current, [topic.role]: event.target.value }))}
              />
            </div>
          ))}
          <FieldErrors errors={Object.values(topicErrors).filter((e): e is string => Boolean(e))} />
        </fieldset>
        <p className="flex items-center gap-1.5 text-xs text-slate-500">
          <Database className="size-3.5" aria-hidden="true" />
          Sample data: {template.sampleSummary}, event times up to now.
        </p>
        {loaded && (
          <p role="status" className="flex items-start gap-1.5 text-xs text-emerald-700" data-testid={`sample-result-${template.id}`}>
            <CircleCheck className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
            <span>
              {loaded.topics.map((t) => `${t.records.toLocaleString("en")} records to ${t.topic}${t.created ? " (created)" : ""}`).join(", ")}. Use the template and deploy it to see them flow.
            </span>
          </p>
        )}
        {error && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
            <FieldErrors errors={[error]} />
          </div>
        )}
        {canEdit && (
          <div className="mt-auto flex items-center justify-end gap-2 pt-1">
            <Button size="sm" icon={busy === "loading" ? <LoaderCircle className="animate-spin" /> : <Database />} onClick={loadSamples} disabled={busy !== "idle" || invalid} data-testid={`load-sample-${template.id}`}>
              {busy === "loading" ? "Loading…" : "Load sample data"}
            </Button>
            <Button size="sm" variant="primary" icon={<ArrowRight />} onClick={useTemplate} disabled={busy !== "idle" || invalid} data-testid={`use-template-${template.id}`}>
              {busy === "creating" ? "Creating…" : "Use template"}
            </Button>
          </div>
        )}
      </div>
    </article>
  );
}
