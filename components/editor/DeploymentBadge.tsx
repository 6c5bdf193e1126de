"use client";

import { isDeploymentActive, useDeploymentStatus } from "@/lib/client/use-deployment-status";
import { StatusPill } from "@/components/live/StatusPill";

type DeploymentBadgeProps = {
  pipelineId: string;
  /** The version the editor last saved, to say when the running one is older. */
  savedVersion: number;
};

/**
 * The deployment's status next to the pipeline's name (the reason of a failure on
 * hover), and which version runs when it is not the one being edited.
 */
export function DeploymentBadge({ pipelineId, savedVersion }: DeploymentBadgeProps) {
  const { deployment } = useDeploymentStatus(pipelineId);
  const behind = deployment !== null && isDeploymentActive(deployment) && deployment.version !== savedVersion;
  return (
    <div className="flex shrink-0 items-center gap-2">
      <StatusPill status={deployment?.status ?? null} error={deployment?.error} runtime={deployment?.runtime} />
      {behind && (
        <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums" title={`Version ${deployment.version} runs; deploy to run v${savedVersion}`} data-testid="running-version">
          runs v{deployment.version}
        </span>
      )}
    </div>
  );
}
