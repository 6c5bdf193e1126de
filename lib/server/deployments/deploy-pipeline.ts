import "server-only";
import { randomUUID } from "node:crypto";
import { validatePipeline } from "@/engine/graph";
import { compilePipelineToFlinkSql } from "@/engine/runners/flink/compile-pipeline";
import type { DeployPipelineBody } from "@/lib/schemas/deployments";
import { ApiError, notFound } from "../api/api-error";
import { assertConnectionExists } from "../connections/assert-connection-exists";
import { getDb } from "../db/prisma";
import { toDeploymentView, type DeploymentView } from "./deployment-view";

/** The dead-letter topic a pipeline gets unless the deploy names one. */
export function defaultDeadLetterTopic(pipelineName: string, pipelineId: string): string {
  const slug = pipelineName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `streamline.${slug || pipelineId.slice(0, 8)}.dlq`;
}

/**
 * Deploys the latest saved version of a pipeline: records a deployment the
 * engine will pick up, and retires the one before it. It continues from the
 * previous deployment's offsets and state (same generation) unless `reset`.
 * A graph with problems is refused with 422 and nothing changes; with
 * runtime `flink` so is a graph the Flink SQL compiler rejects.
 */
export async function deployPipeline(pipelineId: string, body: DeployPipelineBody): Promise<DeploymentView> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const version = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version: pipeline.latestVersion } } });
  if (!version) throw new Error(`Pipeline ${pipelineId} has no version ${pipeline.latestVersion}`);

  const result = validatePipeline(JSON.parse(version.graph));
  if (!result.ok) {
    throw new ApiError(422, "invalid_graph", `Version ${version.version} cannot be deployed: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}, first: ${result.problems[0]!.message}`, result.problems);
  }

  if (body.runtime === "flink") {
    // Compile now, so what Flink cannot run is refused before anything is deployed, with the node at fault.
    const compiled = compilePipelineToFlinkSql(result.document, { bootstrapServers: "placeholder:9092", groupId: "check", jobName: "check" });
    if (!compiled.ok) {
      throw new ApiError(422, "invalid_graph", `Version ${version.version} cannot run on Flink: ${compiled.problems.length} problem${compiled.problems.length === 1 ? "" : "s"}, first: ${compiled.problems[0]!.message}`, compiled.problems);
    }
  }

  await assertConnectionExists(result.document);

  const row = await db.$transaction(async (tx) => {
    const previous = await tx.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
    await tx.deployment.updateMany({ where: { pipelineId, desiredState: "running" }, data: { desiredState: "stopped" } });
    return tx.deployment.create({
      data: {
        id: randomUUID(),
        pipelineId,
        version: version.version,
        runtime: body.runtime ?? "embedded",
        guarantee: body.guarantee ?? previous?.guarantee ?? "exactly-once",
        generation: (previous?.generation ?? 0) + (body.reset ? 1 : 0),
        deadLetterTopic: body.deadLetterTopic ?? previous?.deadLetterTopic ?? defaultDeadLetterTopic(pipeline.name, pipeline.id),
        desiredState: "running",
        status: "starting",
      },
    });
  });
  return toDeploymentView(row);
}
