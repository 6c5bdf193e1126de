"use client";

import clsx from "clsx";
import { LoaderCircle, Rocket, TriangleAlert } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { planDeploy, type DeployInput, type DeployPlanView } from "@/lib/client/api/deployments";
import { useDeploymentStatus } from "@/lib/client/use-deployment-status";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TextInput } from "@/components/ui/TextInput";
import { asksForReplayChoice, planRows, summarizePlan, type PlanRow } from "./plan-rows";
import { startAtOf, toLocalInput, type ReplayChoice } from "./replay-choice";

type DeployPlanDialogProps = {
  pipelineId: string;
  /** The version to deploy; null for the latest. The dialog is open while it is set (undefined: closed). */
  version: number | null | undefined;
  onClose: () => void;
  /** After a confirmed deploy was accepted. */
  onDeployed?: (version: number) => void;
  /** Options chosen before (the deploy menu's runtime, guarantee, reset); by default the running deployment's. */
  initial?: DeployInput;
};

const outcomeStyles: Record<PlanRow["outcome"], { label: string; className: string }> = {
  kept: { label: "Kept", className: "border-emerald-200 bg-emerald-50 text-emerald-800" },
  reset: { label: "Reset", className: "border-amber-200 bg-amber-50 text-amber-800" },
  new: { label: "New", className: "border-sky-200 bg-sky-50 text-sky-800" },
  removed: { label: "Dropped", className: "border-slate-200 bg-slate-100 text-slate-600" },
  resumes: { label: "Resumes", className: "border-emerald-200 bg-emerald-50 text-emerald-800" },
  replays: { label: "Starts", className: "border-sky-200 bg-sky-50 text-sky-800" },
};

const replayOptions: { value: ReplayChoice["from"]; label: string }[] = [
  { value: "continue", label: "Where the last deployment stopped" },
  { value: "earliest", label: "From the earliest offsets" },
  { value: "latest", label: "From the latest offsets (new records only)" },
  { value: "timestamp", label: "From a date and time" },
];

/**
 * The deploy plan, asked of the API (`dryRun`) before a deploy and confirmed by the user:
 * per stateful node whether its state is kept, reset or new, per source where it starts,
 * and the plan's warnings. When the plan asks for it (state reset while sources continue,
 * or a replay into kept state) the user picks where the sources start and whether all
 * state is reset; the plan is asked again for every choice, so what is confirmed is
 * exactly what the server will do.
 */
export function DeployPlanDialog({ pipelineId, version, onClose, onDeployed, initial }: DeployPlanDialogProps) {
  const open = version !== undefined;
  return (
    <Dialog open={open} onClose={onClose} title={version === null || version === undefined ? "Deploy the latest version" : `Deploy version ${version}`} description="What happens to each node's state, and where the sources start." data-testid="deploy-plan-dialog">
      {open && <PlanBody pipelineId={pipelineId} version={version} onClose={onClose} onDeployed={onDeployed} initial={initial} />}
    </Dialog>
  );
}

type PlanBodyProps = Omit<DeployPlanDialogProps, "version"> & { version: number | null };

function PlanBody({ pipelineId, version, onClose, onDeployed, initial }: PlanBodyProps) {
  const status = useDeploymentStatus(pipelineId);
  const { deployment } = status;
  const runtime = initial?.runtime ?? (deployment?.runtime === "flink" ? "flink" : "embedded");
  const guarantee = initial?.guarantee ?? (deployment?.guarantee === "at-least-once" ? "at-least-once" : "exactly-once");
  const [reset, setReset] = useState(initial?.reset ?? false);
  const [replay, setReplay] = useState<ReplayChoice>({ from: "continue" });
  const [showReplay, setShowReplay] = useState(initial?.reset ?? false);
  const [plan, setPlan] = useState<{ key: string; plan: DeployPlanView } | { key: string; error: string } | null>(null);
  const [deploying, setDeploying] = useState(false);
  const [deployError, setDeployError] = useState<string | null>(null);
  const timeId = useId();

  const start = useMemo(() => startAtOf(replay), [replay]);
  const request = useMemo(
    () => ({ ...(version !== null ? { version } : {}), runtime, guarantee, ...(reset ? { reset } : {}), ...(start.ok && start.startAt ? { startAt: start.startAt } : {}) }) as const,
    [version, runtime, guarantee, reset, start],
  );
  const key = JSON.stringify(request);

  useEffect(() => {
    if (!start.ok) return;
    let current = true;
    planDeploy(pipelineId, request)
      .then((answer) => current && setPlan({ key, plan: answer }))
      .catch((error: unknown) => current && setPlan({ key, error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [pipelineId, request, key, start.ok]);

  const ready = plan !== null && plan.key === key && "plan" in plan ? plan.plan : null;
  const asks = ready !== null && asksForReplayChoice(ready);
  useEffect(() => {
    if (asks) setShowReplay(true);
  }, [asks]);
  const rows = ready ? planRows(ready) : null;

  async function confirm() {
    if (!ready) return;
    setDeploying(true);
    setDeployError(null);
    const error = await status.deploy(request);
    setDeploying(false);
    if (error) return setDeployError(error.problems[0] ? `${error.message}: ${error.problems[0].message}` : error.message);
    onDeployed?.(ready.version);
    onClose();
  }

  return (
    <div className="flex flex-col gap-3" data-testid="deploy-plan">
      {plan === null || plan.key !== key ? (
        start.ok ? (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <LoaderCircle className="size-4 animate-spin" aria-hidden="true" /> Working out the plan…
          </p>
        ) : null
      ) : "error" in plan ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="deploy-plan-error">
          Could not work out the plan: {plan.error}
        </p>
      ) : (
        rows && (
          <>
            <p className="text-sm text-slate-700" data-testid="deploy-plan-summary">
              <span className="font-medium">v{plan.plan.version}</span>
              {plan.plan.previousVersion !== null ? ` over v${plan.plan.previousVersion}` : " (first deployment)"}
              {" · "}
              {summarizePlan(plan.plan)}
            </p>
            <PlanList title="State" rows={rows.state} empty="No stateful nodes." />
            <PlanList title="Sources" rows={rows.sources} empty="No sources." />
            {plan.plan.warnings.map((warning) => (
              <p key={warning} className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="deploy-plan-warning">
                <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
                {warning}
              </p>
            ))}
          </>
        )
      )}

      {runtime === "embedded" && !showReplay && (
        <button type="button" className="self-start text-xs font-medium text-indigo-700 hover:underline" onClick={() => setShowReplay(true)} data-testid="show-replay">
          Reset state or replay from a point in time…
        </button>
      )}
      {runtime === "embedded" && showReplay && (
        <fieldset className="rounded-md border border-slate-200 px-3 pt-1 pb-2.5" data-testid="replay-choice">
          <legend className="px-1 text-xs font-semibold text-slate-700">Sources start</legend>
          <div className="flex flex-col gap-1">
            {replayOptions.map((option) => (
              <label key={option.value} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="radio"
                  name="replay"
                  value={option.value}
                  checked={replay.from === option.value}
                  onChange={() => setReplay(option.value === "timestamp" ? { from: "timestamp", local: toLocalInput(Date.now() - 3_600_000) } : { from: option.value } as ReplayChoice)}
                  className="accent-indigo-600"
                />
                {option.label}
              </label>
            ))}
          </div>
          {replay.from === "timestamp" && (
            <div className="mt-1.5 ml-6">
              <label htmlFor={timeId} className="sr-only">
                Replay from
              </label>
              <TextInput
                id={timeId}
                type="datetime-local"
                value={replay.local}
                onChange={(event) => setReplay({ from: "timestamp", local: event.target.value })}
                invalid={!start.ok}
                data-testid="replay-timestamp"
              />
              {!start.ok && <p className="mt-1 text-xs text-red-700">{start.error}</p>}
            </div>
          )}
          <label className="mt-2 flex items-center gap-2 border-t border-slate-100 pt-2 text-sm text-slate-700">
            <input type="checkbox" checked={reset} onChange={(event) => setReset(event.target.checked)} className="accent-red-600" data-testid="plan-reset" />
            Reset all state (a new generation: counts start over)
          </label>
        </fieldset>
      )}

      {deployError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="deploy-plan-deploy-error">
          {deployError}
        </p>
      )}
      <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant={reset ? "danger" : "primary"}
          icon={deploying ? <LoaderCircle className="animate-spin" /> : <Rocket />}
          onClick={() => void confirm()}
          disabled={!ready || deploying || !start.ok}
          data-testid="confirm-deploy"
        >
          {reset ? "Reset and deploy" : ready ? `Deploy v${ready.version}` : "Deploy"}
        </Button>
      </div>
    </div>
  );
}

function PlanList({ title, rows, empty }: { title: string; rows: PlanRow[]; empty: string }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {rows.map((row) => (
            <li key={row.key} className="flex items-start gap-2 px-2.5 py-1.5" data-testid="plan-row" data-node-id={row.nodeId} data-outcome={row.outcome}>
              <span className={clsx("mt-px w-16 shrink-0 rounded border text-center text-[11px] font-medium", outcomeStyles[row.outcome].className)}>{outcomeStyles[row.outcome].label}</span>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium text-slate-900">
                  {row.label} <span className="font-mono text-[11px] font-normal text-slate-500">{row.detail}</span>
                </span>
                <span className="block text-xs text-slate-500">{row.reason}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
