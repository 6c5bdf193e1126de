import "server-only";
import { kafkaEndpoints } from "@/engine/graph";
import type { z } from "zod";
import type { topicUser } from "@/lib/schemas/topics";
import { getDb } from "../db/prisma";

export type TopicUser = z.infer<typeof topicUser>;

/**
 * Which pipelines read (sources) or write (sinks) which topics of a cluster,
 * from each pipeline's newest saved version. `connectionId` undefined: the
 * server's own cluster.
 */
export async function topicUsers(connectionId: string | undefined): Promise<Map<string, TopicUser[]>> {
  const db = await getDb();
  const pipelines = await db.pipeline.findMany({ where: { latestVersion: { gt: 0 } }, select: { id: true, name: true, latestVersion: true } });
  const byTopic = new Map<string, TopicUser[]>();
  if (pipelines.length === 0) return byTopic;
  const versions = await db.pipelineVersion.findMany({
    where: { OR: pipelines.map((pipeline) => ({ pipelineId: pipeline.id, version: pipeline.latestVersion })) },
    select: { pipelineId: true, graph: true },
  });
  const names = new Map(pipelines.map((pipeline) => [pipeline.id, pipeline.name]));
  for (const version of versions) {
    let document: { nodes?: unknown };
    try {
      document = JSON.parse(version.graph);
    } catch {
      continue;
    }
    if (!Array.isArray(document.nodes)) continue;
    for (const endpoint of kafkaEndpoints(document as Parameters<typeof kafkaEndpoints>[0])) {
      if ((endpoint.connection || undefined) !== connectionId || !endpoint.topic) continue;
      const list = byTopic.get(endpoint.topic) ?? [];
      list.push({ pipelineId: version.pipelineId, pipelineName: names.get(version.pipelineId) ?? version.pipelineId, role: endpoint.role, nodeId: endpoint.nodeId });
      byTopic.set(endpoint.topic, list);
    }
  }
  return byTopic;
}
