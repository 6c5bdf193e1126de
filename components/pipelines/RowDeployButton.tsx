"use client";

import { LoaderCircle, Rocket, Square } from "lucide-react";
import type { ApiError } from "@/lib/client/api-error";
import { useDeploymentActions } from "@/lib/client/use-deployment-status";
import { type DashboardRow } from "@/lib/client/api/dashboard";
import { Button } from "@/components/ui/Button";

type RowDeployButtonProps = {
  row: DashboardRow;
  /** Stopping asks first, so the screen opens its confirmation. */
  onStop: (row: DashboardRow) => void;
  /** After a deploy was accepted, so the dashboard polls at once. */
  onDeployed: () => void;
};

/**
 * Deploy or Stop, whichever applies, for one dashboard row. Deploy runs the latest saved
 * version with the guarantee it ran with before; a refusal shows under the button, its
 * problems in the tooltip.
 */
export function RowDeployButton({ row, onStop, onDeployed }: RowDeployButtonProps) {
  const actions = useDeploymentActions(row.id);
  const pending = actions.pending !== null;
  const refusal = actions.actionError && actions.failedAction === "deploy" ? describeRefusal(actions.actionError) : null;
  const running = row.deployment?.desiredState === "running";
  const transitioning = row.deployment?.status === "starting" || row.deployment?.status === "stopping";

  async function deploy() {
    const guarantee = row.deployment?.guarantee === "at-least-once" ? "at-least-once" : "exactly-once";
    // Through the pipeline's deployment store, so an editor or monitor open on it shows the deploy too.
    const refused = await actions.deploy({ guarantee });
    if (!refused) onDeployed();
  }

  return (
    <div className="relative">
      {running ? (
        <Button
          size="sm"
          icon={row.deployment?.status === "stopping" ? <LoaderCircle className="animate-spin" /> : <Square />}
          onClick={() => onStop(row)}
          disabled={row.deployment?.status === "stopping"}
          aria-label={`Stop ${row.name}`}
          title="Stop; offsets and state are kept"
          className="w-[76px]"
          data-testid="row-stop"
        >
          Stop
        </Button>
      ) : (
        <Button
          size="sm"
          icon={pending || transitioning ? <LoaderCircle className="animate-spin" /> : <Rocket />}
          onClick={() => void deploy()}
          disabled={pending || transitioning}
          aria-label={`Deploy ${row.name}`}
          title={`Deploy v${row.version}`}
          className="w-[76px]"
          data-testid="row-deploy"
        >
          Deploy
        </Button>
      )}
      {refusal && (
        <p role="alert" title={refusal.details} className="absolute top-full right-0 mt-0.5 text-[11px] whitespace-nowrap text-red-600" data-testid="row-deploy-error">
          {refusal.summary}
        </p>
      )}
    </div>
  );
}

function describeRefusal(error: ApiError): { summary: string; details: string } {
  const problems = error.problems;
  return problems.length > 0
    ? { summary: `${problems.length} ${problems.length === 1 ? "problem" : "problems"} to fix`, details: problems.map((problem) => problem.message).join("\n") }
    : { summary: "Deploy failed", details: error.message };
}
