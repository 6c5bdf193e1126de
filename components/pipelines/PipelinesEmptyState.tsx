"use client";

import { LayoutTemplate, Plus, Rows3, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createPipeline } from "@/lib/client/api/pipelines";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { Button } from "@/components/ui/Button";
import { FieldErrors } from "@/components/ui/FormField";
import { StatePanel } from "@/components/ui/StatePanel";
import { pipelineStarter, wordCountTopics } from "./pipeline-starters";

/** The first thing a new user sees: one click to a working word count, and how to feed it (the topic browser creates its topic and produces a test message). */
export function PipelinesEmptyState({ onCreateBlank }: { onCreateBlank: () => void }) {
  const router = useRouter();
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const topics = wordCountTopics();

  async function createWordCount() {
    const starter = pipelineStarter("word-count");
    setCreating(true);
    setError(null);
    try {
      const pipeline = await createPipeline({
        name: starter.suggestedName,
        description: `Counts words in ${topics.input} and writes running counts to ${topics.output}`,
        graph: starter.graph(),
        message: "Created from the Word count template",
        draft: true,
      });
      router.push(`/pipelines/${encodeURIComponent(pipeline.id)}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setCreating(false);
    }
  }

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs" data-testid="pipelines-empty">
      <StatePanel
        icon={<Workflow />}
        title="No pipelines yet"
        wide
        // Viewers read only: the API would refuse them, so they are not offered the buttons.
        actions={
          canEdit && (
            <>
              <Button variant="primary" icon={<Workflow />} onClick={createWordCount} disabled={creating}>
                {creating ? "Creating…" : "Create word count pipeline"}
              </Button>
              <Button icon={<Plus />} onClick={onCreateBlank} disabled={creating}>
                New blank pipeline
              </Button>
              <Link
                href="/templates"
                data-testid="empty-state-templates"
                className="inline-flex h-8 items-center gap-2 rounded-md px-3 text-sm font-medium text-indigo-700 hover:bg-indigo-50 [&_svg]:size-4"
              >
                <LayoutTemplate aria-hidden="true" />
                Browse templates
              </Link>
            </>
          )
        }
      >
        A pipeline reads from Kafka topics, transforms records and writes to other topics. The word count template reads
        lines of text from the topic <code className="font-mono text-[13px] text-slate-800">{topics.input}</code> and
        writes running counts per word to <code className="font-mono text-[13px] text-slate-800">{topics.output}</code>.
      </StatePanel>
      {error && (
        <div role="alert" className="mx-auto -mt-6 mb-6 max-w-xl rounded-md border border-red-200 bg-red-50 px-3 py-2">
          <FieldErrors errors={[`Could not create the pipeline: ${error}`]} />
        </div>
      )}
      <div className="border-t border-slate-100 bg-slate-50/60 px-6 py-4">
        <div className="mx-auto flex max-w-xl items-center justify-between gap-3">
          <p className="flex items-center gap-1.5 text-xs text-slate-600">
            <Rows3 className="size-3.5" aria-hidden="true" />
            Test data: create <code className="font-mono text-slate-800">{topics.input}</code> and produce a message to it in the topic browser.
          </p>
          <Link href={`/topics/${encodeURIComponent(topics.input)}`} className="shrink-0 text-xs font-medium text-indigo-700 hover:underline" data-testid="empty-state-topics">
            Open {topics.input}
          </Link>
        </div>
      </div>
    </div>
  );
}
