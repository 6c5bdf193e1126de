"use client";

import { pipelineTemplates } from "@/engine/graph";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { TemplateCard } from "./TemplateCard";

/** `/templates`: the gallery of ready-made pipelines, each with sample data to see it run within a minute. */
export function TemplatesScreen() {
  const canEdit = useCanEdit();
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-7xl px-6 py-8">
        <div className="mb-6">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Templates</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">
            Ready-made pipelines built from the standard operators. Load a template&apos;s sample data to fill its input topics with realistic
            records, then use the template and deploy it: records flow within a minute.
            {!canEdit && " Viewers can browse the templates; creating pipelines and loading data needs the editor role."}
          </p>
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="templates-gallery">
          {pipelineTemplates.map((template) => (
            <TemplateCard key={template.id} template={template} canEdit={canEdit} />
          ))}
        </div>
      </div>
    </div>
  );
}
