import "server-only";
import { randomUUID } from "node:crypto";
import type { CreatePipelineBody } from "@/lib/schemas/pipelines";
import { ApiError } from "../api/api-error";
import { getDb } from "../db/prisma";
import { acceptGraph } from "./accept-graph";
import { isUniqueViolation } from "./is-unique-violation";
import { toDetail, type PipelineDetail } from "./pipeline-views";
import type { VersionAuthor } from "./version-author";

/** Creates a pipeline with its first version, recording `author` as its author. */
export async function createPipeline(body: CreatePipelineBody, author?: VersionAuthor): Promise<PipelineDetail> {
  const { document } = acceptGraph(body.graph, body.draft);
  const graphText = JSON.stringify(document);
  const db = await getDb();
  try {
    const row = await db.$transaction(async (tx) => {
      const pipeline = await tx.pipeline.create({
        data: { id: randomUUID(), name: body.name, description: body.description ?? "", latestVersion: 1 },
      });
      await tx.pipelineVersion.create({
        data: { id: randomUUID(), pipelineId: pipeline.id, version: 1, graph: graphText, message: body.message ?? "Created", authorId: author?.userId ?? null, author: author?.email ?? "" },
      });
      return pipeline;
    });
    return toDetail(row, graphText);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(body.name);
    throw error;
  }
}

/** The 409 for a name another pipeline already has. */
export function nameTaken(name: string): ApiError {
  return new ApiError(409, "conflict", `A pipeline named '${name}' already exists; choose another name`);
}
