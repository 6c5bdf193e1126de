import type { DeploymentView } from "@/lib/client/use-deployment-status";
import type { LivePoint } from "@/lib/client/use-live-telemetry";

export type DeploymentEvent = {
  at: number;
  kind: "deployed" | "running" | "degraded" | "failed" | "unresponsive" | "stopped" | "replaced";
  title: string;
  detail?: string;
};

/**
 * What happened to the pipeline lately, newest first, pieced together from what the
 * API knows: the current deployment's own timestamps and error, and the status and
 * deployment changes seen in the last 15 minutes of telemetry. Older deployments show
 * only while their points are still in that window.
 */
export function deploymentEvents(deployment: DeploymentView | null, history: readonly LivePoint[]): DeploymentEvent[] {
  const events: DeploymentEvent[] = [];
  let previous: LivePoint | undefined;
  for (const point of history) {
    if (previous && previous.deploymentId !== point.deploymentId) {
      events.push({ at: previous.at, kind: "replaced", title: `v${previous.version} replaced by v${point.version}` });
    } else if (previous && previous.status !== point.status) {
      // Starting → running is the deployment's own "Started"; only changes after that are news.
      if (point.status === "degraded") events.push({ at: point.at, kind: "degraded", title: "Degraded" });
      else if (point.status === "running" && previous.status === "degraded") events.push({ at: point.at, kind: "running", title: "Recovered" });
    }
    previous = point;
  }
  if (deployment) {
    const time = (iso: string | null) => (iso ? new Date(iso).getTime() : null);
    const created = time(deployment.createdAt)!;
    events.push({ at: created, kind: "deployed", title: `Deployed v${deployment.version}`, detail: deployment.guarantee });
    const started = time(deployment.startedAt);
    if (started !== null) events.push({ at: started, kind: "running", title: "Started" });
    const stopped = time(deployment.stoppedAt);
    if (deployment.status === "failed") {
      events.push({ at: stopped ?? time(deployment.heartbeatAt) ?? created, kind: "failed", title: "Failed", detail: deployment.error ?? undefined });
    } else if (stopped !== null && deployment.status === "stopped") {
      events.push({ at: stopped, kind: "stopped", title: "Stopped" });
    } else if (deployment.status === "degraded") {
      // Seen from the database, since telemetry (published through Kafka) stops when the broker is away.
      events.push({ at: time(deployment.heartbeatAt) ?? created, kind: "degraded", title: "Degraded", detail: deployment.error ?? undefined });
    } else if (deployment.status === "unresponsive") {
      events.push({ at: time(deployment.heartbeatAt) ?? created, kind: "unresponsive", title: "Engine stopped reporting", detail: deployment.error ?? undefined });
    }
  }
  return events.sort((a, b) => b.at - a.at);
}
