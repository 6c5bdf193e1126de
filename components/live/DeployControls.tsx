"use client";

import clsx from "clsx";
import { ChevronDown, CircleAlert, LoaderCircle, Rocket, Square, X } from "lucide-react";
import { useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import type { ApiError } from "@/lib/client/api-error";
import { isDeploymentActive, useDeploymentStatus, type DeliveryGuarantee, type DeploymentRuntime, type DeployOptions } from "@/lib/client/use-deployment-status";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { IconButton } from "@/components/ui/IconButton";
import { Popover } from "@/components/ui/Popover";
import { StatusPill } from "./StatusPill";

type DeployControlsProps = {
  pipelineId: string;
  /** Named in the Stop confirmation. */
  pipelineName?: string;
  /**
   * Runs before every deploy, e.g. to save the editor's draft as the latest version.
   * Resolve to false to cancel the deploy; a thrown error is shown and cancels it too.
   */
  beforeDeploy?: () => Promise<boolean | void>;
  /** Told about a refused deploy, e.g. to open the problems drawer with `error.problems` of a 422. */
  onDeployError?: (error: ApiError) => void;
  /**
   * Why a deploy would be refused right now (e.g. the editor shows problems). Deploy is then
   * disabled with this as its tooltip: every refused attempt would still save a new version.
   */
  blockedReason?: string | null;
  /** Leave the status pill out when the host shows it elsewhere. */
  showStatus?: boolean;
  /**
   * Deploying over a running deployment goes through this instead (after `beforeDeploy`), e.g.
   * to show the deploy plan for the user to confirm; it then deploys itself.
   */
  confirmDeploy?: (options: DeployOptions) => void;
  /**
   * An element the refusal message must not cover, e.g. the editor's inspector beside the top
   * bar: the message, right-aligned under Deploy, moves left until it clears it (as far as the
   * window allows).
   */
  keepClearOf?: RefObject<HTMLElement | null>;
  className?: string;
};

const runtimes: { value: DeploymentRuntime; label: string; hint: string }[] = [
  { value: "embedded", label: "Embedded engine", hint: "Runs inside Streamline's engine process. Exactly-once with Kafka transactions." },
  { value: "flink", label: "Apache Flink", hint: "Compiled to Flink SQL and run as a job on the Flink cluster. Scales out; savepoint on stop." },
];

const guarantees: { value: DeliveryGuarantee; label: string; hint: string }[] = [
  { value: "exactly-once", label: "Exactly-once", hint: "Kafka transactions: sinks see every result once, even after a restart." },
  { value: "at-least-once", label: "At-least-once", hint: "Lower latency; after a restart some results may be written twice." },
];

/**
 * Deploy and Stop for one pipeline, with its status pill, sized for a top bar. Deploy
 * runs the latest saved version at once; the chevron opens the delivery guarantee and
 * "reset offsets and state". Stop asks first. Refusals (a 422 with the graph's problems,
 * a 409) show under the buttons with the server's message.
 */
export function DeployControls({ pipelineId, pipelineName, beforeDeploy, onDeployError, blockedReason = null, showStatus = true, confirmDeploy, keepClearOf, className }: DeployControlsProps) {
  const status = useDeploymentStatus(pipelineId);
  const { deployment, latestVersion, pending } = status;
  const [menuOpen, setMenuOpen] = useState(false);
  const [confirmStop, setConfirmStop] = useState(false);
  const [chosenGuarantee, setChosenGuarantee] = useState<DeliveryGuarantee | null>(null);
  const [chosenRuntime, setChosenRuntime] = useState<DeploymentRuntime | null>(null);
  const [reset, setReset] = useState(false);
  /** Flink: the parallelism typed in the menu; empty keeps the server's default. */
  const [parallelismText, setParallelismText] = useState("");
  const [preparing, setPreparing] = useState(false);
  const [prepareError, setPrepareError] = useState<string | null>(null);
  const [lastAction, setLastAction] = useState<"deploy" | "stop">("deploy");
  const menuId = useId();
  const errorId = useId();
  /** The controls' box: the refusal message is placed against it (see the layout effect below). */
  const rootRef = useRef<HTMLDivElement>(null);

  // Until someone picks one, a deploy keeps the guarantee the pipeline already runs with.
  const guarantee: DeliveryGuarantee = chosenGuarantee ?? (deployment?.guarantee === "at-least-once" ? "at-least-once" : "exactly-once");
  // Likewise the runtime: a plain Deploy keeps running where the last deployment ran.
  const runtime: DeploymentRuntime = chosenRuntime ?? (deployment?.runtime === "flink" ? "flink" : "embedded");
  const runtimeLabel = runtime === "flink" ? "Flink" : "the embedded engine";
  const active = isDeploymentActive(deployment);
  const parallelism = /^\d+$/.test(parallelismText.trim()) ? Number(parallelismText.trim()) : undefined;
  const deploying = preparing || pending === "deploy";
  const busy = deploying || pending === "stop";
  const versionLabel = latestVersion === null ? "the latest version" : `v${latestVersion}`;

  async function runDeploy(options: DeployOptions) {
    setMenuOpen(false);
    setLastAction("deploy");
    setPrepareError(null);
    status.clearActionError();
    if (beforeDeploy) {
      setPreparing(true);
      try {
        if ((await beforeDeploy()) === false) return;
      } catch (error) {
        setPrepareError(error instanceof Error ? error.message : String(error));
        return;
      } finally {
        setPreparing(false);
      }
    }
    if (confirmDeploy && active) {
      setReset(false);
      return confirmDeploy(options);
    }
    const error = await status.deploy(options);
    if (error) onDeployError?.(error);
    else setReset(false);
  }

  async function runStop() {
    setConfirmStop(false);
    setLastAction("stop");
    await status.stop();
  }

  const errorMessage = prepareError ?? status.actionError?.message ?? null;
  const problems = status.actionError?.problems ?? [];
  const errorRef = useRef<HTMLDivElement>(null);
  const [errorShift, setErrorShift] = useState(0);
  const showingError = errorMessage !== null && !menuOpen;

  // Measured, not a fixed offset: the panel's width and the top bar's padding are the host's.
  useLayoutEffect(() => {
    const avoid = keepClearOf?.current;
    if (!showingError || !avoid) return setErrorShift(0);
    const place = () => {
      const root = rootRef.current?.getBoundingClientRect();
      const width = errorRef.current?.offsetWidth ?? 0;
      if (!root) return;
      const clearOf = avoid.getBoundingClientRect().left - 8;
      setErrorShift(Math.max(0, Math.min(root.right - clearOf, root.right - width - 8)));
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(avoid);
    window.addEventListener("resize", place);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", place);
    };
  }, [showingError, keepClearOf]);

  return (
    <div ref={rootRef} className={clsx("relative flex items-center gap-2", className)} data-testid="deploy-controls">
      {showStatus && <StatusPill status={deployment?.status ?? null} error={deployment?.error} runtime={deployment?.runtime} tooltipAlign="end" />}
      <Button
        icon={pending === "stop" ? <LoaderCircle className="animate-spin" /> : <Square />}
        onClick={() => setConfirmStop(true)}
        disabled={!active || busy}
        title={active ? "Stop the pipeline; offsets and state are kept" : "The pipeline is not deployed"}
        data-testid="stop"
      >
        Stop
      </Button>
      <div className="flex">
        <Button
          variant="primary"
          icon={deploying ? <LoaderCircle className="animate-spin" /> : <Rocket />}
          onClick={() => void runDeploy({ runtime, guarantee })}
          disabled={busy || blockedReason !== null}
          title={blockedReason ?? `Deploy ${versionLabel} on ${runtimeLabel}${runtime === "embedded" ? ` (${guarantee})` : ""}`}
          aria-describedby={errorMessage ? errorId : undefined}
          className="rounded-r-none"
          data-testid="deploy"
        >
          Deploy
        </Button>
        <Popover
          open={menuOpen}
          onOpenChange={setMenuOpen}
          label="Deploy options"
          className="w-80 text-left"
          data-testid="deploy-menu"
          trigger={
            <Button
              variant="primary"
              icon={<ChevronDown />}
              disabled={busy || blockedReason !== null}
              aria-label="Deploy options"
              title="Deploy options"
              className="rounded-l-none border-l border-indigo-500 px-1.5"
              data-testid="deploy-options"
            />
          }
        >
          <div className="border-b border-slate-100 px-4 py-3">
            <p className="text-sm font-semibold text-slate-900">Deploy {versionLabel}</p>
            <p className="mt-0.5 text-xs text-slate-500">
              {active && deployment
                ? `Replaces v${deployment.version}, continuing from its ${deployment.runtime === "flink" ? "savepoint" : "offsets and state"}.`
                : `Runs on ${runtimeLabel}.`}
            </p>
          </div>
          <div className="flex flex-col gap-1 px-3 pt-3">
            <p id={`${menuId}-runtime`} className="px-1 pb-0.5 text-xs font-medium text-slate-700">
              Runtime
            </p>
            <div role="radiogroup" aria-labelledby={`${menuId}-runtime`} className="flex flex-col gap-1" data-testid="deploy-runtime">
              {runtimes.map((option) => (
                <MenuOption key={option.value} label={option.label} hint={option.hint} checked={runtime === option.value}>
                  <input
                    type="radio"
                    name={`${menuId}-runtime`}
                    value={option.value}
                    checked={runtime === option.value}
                    onChange={() => setChosenRuntime(option.value)}
                    className="mt-0.5 accent-indigo-600"
                    autoFocus={runtime === option.value}
                    data-testid={`deploy-runtime-${option.value}`}
                  />
                </MenuOption>
              ))}
            </div>
            {runtime === "embedded" ? (
              <>
            <p id={`${menuId}-guarantee`} className="px-1 pt-2 pb-0.5 text-xs font-medium text-slate-700">
              Delivery guarantee
            </p>
            <div role="radiogroup" aria-labelledby={`${menuId}-guarantee`} className="flex flex-col gap-1">
              {guarantees.map((option) => (
                <MenuOption key={option.value} label={option.label} hint={option.hint} checked={guarantee === option.value}>
                  <input
                    type="radio"
                    name={`${menuId}-guarantee`}
                    value={option.value}
                    checked={guarantee === option.value}
                    onChange={() => setChosenGuarantee(option.value)}
                    className="mt-0.5 accent-indigo-600"
                  />
                </MenuOption>
              ))}
            </div>
              </>
            ) : (
              <>
                <label className="flex items-center justify-between gap-2 px-1 pt-2 text-xs font-medium text-slate-700" htmlFor={`${menuId}-parallelism`}>
                  Parallelism
                  <input
                    id={`${menuId}-parallelism`}
                    type="number"
                    min={1}
                    max={256}
                    value={parallelismText}
                    onChange={(event) => setParallelismText(event.target.value)}
                    placeholder={deployment?.flink?.parallelism ? String(deployment.flink.parallelism) : "auto"}
                    className="w-20 rounded-md border border-slate-300 px-2 py-1 text-sm font-normal tabular-nums"
                    data-testid="deploy-parallelism"
                  />
                </label>
                <p className="mx-1 mt-1 rounded-md bg-slate-50 px-2.5 py-2 text-xs leading-4 text-slate-500" data-testid="deploy-flink-note">
                  Empty: as before, or the source topics&rsquo; partition count capped by the cluster&rsquo;s free slots. Sinks are exactly-once: results
                  appear when a checkpoint completes (every 5 s).
                </p>
              </>
            )}
            <p className="px-1 pt-2 pb-0.5 text-xs font-medium text-slate-700">Start</p>
            <MenuOption
              label="Reset offsets and state"
              hint="Sources start again from their “start from” setting and aggregates from empty. Use after changing keys or windows."
              checked={reset}
              danger
            >
              <input
                type="checkbox"
                checked={reset}
                onChange={(event) => setReset(event.target.checked)}
                className="mt-0.5 accent-red-600"
                data-testid="deploy-reset"
              />
            </MenuOption>
          </div>
          <div className="mt-3 flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-4 py-3">
            <Button size="sm" variant="ghost" onClick={() => setMenuOpen(false)}>
              Cancel
            </Button>
            <Button
              size="sm"
              variant={reset ? "danger" : "primary"}
              icon={<Rocket />}
              onClick={() => void runDeploy({ runtime, guarantee, reset, ...(runtime === "flink" && parallelism !== undefined ? { parallelism } : {}) })}
              data-testid="deploy-confirm"
            >
              {reset ? "Reset and deploy" : `Deploy ${versionLabel}${runtime === "flink" ? " on Flink" : ""}`}
            </Button>
          </div>
        </Popover>
      </div>

      {showingError && (
        <div
          ref={errorRef}
          id={errorId}
          role="alert"
          style={{ right: errorShift }}
          className="absolute top-full z-40 mt-1.5 flex w-96 gap-2 rounded-lg border border-red-200 bg-white p-3 text-left shadow-lg"
          data-testid="deploy-error"
        >
          <CircleAlert className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden="true" />
          <div className="min-w-0 flex-1">
            <p className="text-[13px] font-medium text-slate-900">{prepareError
                ? "Could not save before deploying"
                : lastAction === "stop"
                  ? "Could not stop"
                  : problems.length > 0
                    ? `Deploy refused: ${problems.length} ${problems.length === 1 ? "problem" : "problems"} to fix`
                    : "Deploy refused"}</p>
            {problems.length > 0 ? (
              // The server's message repeats the first problem; the list says it all.
              <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-4 text-xs leading-5 break-words text-slate-600" data-testid="deploy-problems">
                {problems.slice(0, 4).map((problem, index) => (
                  <li key={index}>{problem.message}</li>
                ))}
                {problems.length > 4 && <li className="list-none text-slate-500">and {problems.length - 4} more</li>}
              </ul>
            ) : (
              <p className="mt-0.5 text-xs leading-5 break-words text-slate-600">{errorMessage}</p>
            )}
          </div>
          <IconButton
            label="Dismiss"
            icon={<X />}
            className="-mt-1 -mr-1"
            onClick={() => {
              setPrepareError(null);
              status.clearActionError();
            }}
          />
        </div>
      )}

      <Dialog
        open={confirmStop}
        onClose={() => setConfirmStop(false)}
        title={pipelineName ? `Stop ${pipelineName}?` : "Stop the pipeline?"}
        description="It stops reading its sources and writing its sinks."
        footer={
          <>
            <Button onClick={() => setConfirmStop(false)}>Cancel</Button>
            <Button variant="danger" icon={<Square />} onClick={() => void runStop()} data-testid="stop-confirm">
              Stop pipeline
            </Button>
          </>
        }
        data-testid="stop-dialog"
      >
        <p className="text-sm leading-6 text-slate-600">
          Consumer offsets and operator state are kept, so the next deploy continues where it stopped. Records produced meanwhile
          wait in Kafka.
        </p>
      </Dialog>
    </div>
  );
}

/** A radio or checkbox row of the deploy menu, the whole row clickable, tinted while chosen. */
function MenuOption({ label, hint, checked, danger, children }: { label: string; hint: string; checked: boolean; danger?: boolean; children: ReactNode }) {
  return (
    <label
      className={clsx(
        "flex cursor-pointer gap-2.5 rounded-md border px-2.5 py-2",
        !checked && "border-transparent hover:bg-slate-50",
        checked && (danger ? "border-red-200 bg-red-50/60" : "border-indigo-300 bg-indigo-50/60"),
      )}
    >
      {children}
      <span>
        <span className="block text-[13px] font-medium text-slate-900">{label}</span>
        <span className="block text-xs leading-4 text-slate-500">{hint}</span>
      </span>
    </label>
  );
}
