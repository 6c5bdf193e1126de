import "server-only";
import { ApiError, notFound } from "../api/api-error";
import { requestStop } from "@/engine/deployments/deployment-state";
import { getDb } from "../db/prisma";
import { toDeploymentView, type DeploymentView } from "./deployment-view";

/** Asks the engine to stop the pipeline's deployment; offsets and operator state are kept for the next deploy. */
export async function stopPipeline(pipelineId: string): Promise<DeploymentView> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const current = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  if (!current || current.desiredState !== "running") throw new ApiError(409, "conflict", "The pipeline is not deployed, so there is nothing to stop");
  const row = await db.deployment.update({
    where: { id: current.id },
    data: requestStop(current, new Date()),
  });
  return toDeploymentView(row);
}
