import "server-only";
import { validatePipeline, type PipelineDocument } from "@/engine/graph";
import { planDeploy, type DeployPlan } from "@/engine/deployments/deploy-plan";
import type { StartPosition } from "@/engine/runners/start-position";
import type { Db } from "../db/prisma";

/**
 * The deploy plan of `document` (version `version`) against the pipeline's
 * last deployment, read from the database: see engine/deployments/deploy-plan.ts.
 */
export async function planPipelineDeploy(
  db: Db,
  pipelineId: string,
  { version, document, reset, startAt }: { version: number; document: PipelineDocument; reset: boolean; startAt?: StartPosition },
): Promise<DeployPlan> {
  const last = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  let previous: { version: number; document: PipelineDocument; generation: number } | null = null;
  if (last) {
    const row = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version: last.version } } });
    const parsed = row ? validatePipeline(JSON.parse(row.graph)) : null;
    // A previous version that no longer parses has no state we could map: everything counts as new.
    previous = parsed?.document ? { version: last.version, document: parsed.document, generation: last.generation } : { version: last.version, document: { ...document, nodes: [], edges: [] }, generation: last.generation };
  }
  return planDeploy({ version, document, previous, reset, startAt });
}
