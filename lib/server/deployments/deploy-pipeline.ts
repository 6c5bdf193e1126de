import "server-only";
import { randomUUID } from "node:crypto";
import { usesRegistry } from "@/engine/formats/registry-codecs";
import { registerSinkSchemas } from "@/engine/formats/sink-schemas";
import { compilePipelineToFlinkSql } from "@/engine/runners/flink/compile-pipeline";
import type { DeployPipelineBody } from "@/lib/schemas/deployments";
import { ApiError, notFound } from "../api/api-error";
import { assertConnectionExists } from "../connections/assert-connection-exists";
import { pipelineRegistryResolver } from "../connections/connection-registry";
import { loadVersion } from "@/lib/deployments/load-version";
import { getDb } from "../db/prisma";
import { toDeploymentView, type DeploymentView } from "./deployment-view";
import { planPipelineDeploy } from "./plan-deploy";
import { resolveFlinkSettings, type FlinkSettings } from "./resolve-flink-settings";
import type { DeployPlan } from "@/engine/deployments/deploy-plan";

/** A deploy's answer: the deployment (null for a dry run) and the plan it follows. */
export type DeployResult = { deployment: DeploymentView | null; plan: DeployPlan };

/** The dead-letter topic a pipeline gets unless the deploy names one. */
export function defaultDeadLetterTopic(pipelineName: string, pipelineId: string): string {
  const slug = pipelineName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `streamline.${slug || pipelineId.slice(0, 8)}.dlq`;
}

/**
 * Deploys a saved version of a pipeline (the latest unless `version`):
 * records a deployment the engine will pick up, and retires the one before
 * it. It continues from the previous deployment's offsets and state (same
 * generation) unless `reset`; `startAt` replays the sources from a position.
 * The answer carries the deploy plan; with `dryRun` only the plan, and
 * nothing changes. A graph with problems is refused with 422 and nothing
 * changes; with runtime `flink` so is a graph the Flink SQL compiler rejects,
 * and a parallelism the cluster's free task slots cannot fit.
 */
export async function deployPipeline(pipelineId: string, body: DeployPipelineBody): Promise<DeployResult> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const wanted = body.version ?? pipeline.latestVersion;
  const version = await loadVersion(db, pipelineId, wanted);
  if (!version) throw notFound(`Version ${wanted} of pipeline '${pipeline.name}' (its versions are 1 to ${pipeline.latestVersion})`);

  const result = version.validation;
  if (!result.ok) {
    throw new ApiError(422, "invalid_graph", `Version ${version.version} cannot be deployed: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}, first: ${result.problems[0]!.message}`, result.problems);
  }

  const flinkWarnings: string[] = [];
  if (body.runtime === "flink") {
    // Compile now, so what Flink cannot run is refused before anything is deployed, with the node at fault.
    const compiled = compilePipelineToFlinkSql(result.document, { bootstrapServers: "placeholder:9092", groupId: "check", jobName: "check" });
    if (!compiled.ok) {
      throw new ApiError(422, "invalid_graph", `Version ${version.version} cannot run on Flink: ${compiled.problems.length} problem${compiled.problems.length === 1 ? "" : "s"}, first: ${compiled.problems[0]!.message}`, compiled.problems);
    }
    // What runs but not as on the embedded engine (e.g. a failure that cannot be dead-lettered): shown with the plan, the node named.
    const labels = new Map(result.document.nodes.map((node) => [node.id, (node.data as { label?: string }).label || node.id]));
    for (const warning of compiled.plan.warnings) flinkWarnings.push(`${labels.get(warning.nodeId ?? "") ?? warning.nodeId}: ${warning.message}`);
  }

  if (body.startAt && body.runtime === "flink") {
    throw new ApiError(422, "invalid_request", "Replay (startAt) is supported on the embedded runtime only; Flink resumes from its savepoint");
  }
  const flinkOnly = (["parallelism", "maxParallelism", "checkpointIntervalMs", "restoreSavepoint"] as const).filter((key) => body[key] !== undefined);
  if (body.runtime !== "flink" && flinkOnly.length > 0) {
    throw new ApiError(422, "invalid_request", `${flinkOnly.join(", ")} apply to runtime 'flink' only; add "runtime": "flink" or leave ${flinkOnly.length === 1 ? "it" : "them"} out`);
  }

  await assertConnectionExists(result.document);
  const planned = await planPipelineDeploy(db, pipelineId, { version: version.version, document: result.document, reset: body.reset === true, startAt: body.startAt });
  const plan = flinkWarnings.length > 0 ? { ...planned, warnings: [...planned.warnings, ...flinkWarnings] } : planned;
  if (body.dryRun) return { deployment: null, plan };

  if (usesRegistry(result.document)) {
    // Register avro sinks' schemas now: a schema the registry's compatibility rules reject is refused with the node named.
    let registered: Awaited<ReturnType<typeof registerSinkSchemas>>;
    try {
      registered = await registerSinkSchemas(result.document, await pipelineRegistryResolver(db, result.document));
    } catch (error) {
      throw new ApiError(503, "schema_registry_unavailable", `The Schema Registry did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!registered.ok) {
      throw new ApiError(422, "invalid_graph", `Version ${version.version} cannot be deployed: ${registered.problems[0]!.message}`, registered.problems);
    }
  }

  const flink: FlinkSettings | null = body.runtime === "flink" ? await resolveFlinkSettings(db, pipelineId, result.document, body) : null;

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
        startAt: body.startAt ? JSON.stringify(body.startAt) : null,
        ...(flink ?? {}),
      },
    });
  });
  return { deployment: toDeploymentView(row), plan };
}
