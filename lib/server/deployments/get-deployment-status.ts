import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { toDeploymentView, type DeploymentView } from "./deployment-view";

/** The pipeline's current (latest) deployment, or null when it was never deployed. */
export async function getDeploymentStatus(pipelineId: string): Promise<{ deployment: DeploymentView | null; latestVersion: number }> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId }, select: { latestVersion: true } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const current = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  return { deployment: current ? toDeploymentView(current) : null, latestVersion: pipeline.latestVersion };
}
