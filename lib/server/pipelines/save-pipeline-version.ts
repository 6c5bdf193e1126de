import "server-only";
import { randomUUID } from "node:crypto";
import type { SavePipelineBody } from "@/lib/schemas/pipelines";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { acceptGraph } from "./accept-graph";
import { nameTaken } from "./create-pipeline";
import { isUniqueViolation } from "./is-unique-violation";
import { toDetail, type PipelineDetail } from "./pipeline-views";
import type { VersionAuthor } from "./version-author";
import { publishVersionSaved } from "./version-events";

/**
 * Saves a new immutable version of a pipeline's graph (and its name or
 * description when given). With `baseVersion`, refuses to overwrite a newer
 * save made elsewhere. `author` is recorded on the version.
 */
export async function savePipelineVersion(id: string, body: SavePipelineBody, author?: VersionAuthor): Promise<PipelineDetail> {
  const { document } = acceptGraph(body.graph, body.draft);
  const graphText = JSON.stringify(document);
  const db = await getDb();
  try {
    const row = await db.$transaction(async (tx) => {
      const current = await tx.pipeline.findUnique({ where: { id } });
      if (!current) throw notFound(`Pipeline '${id}'`);
      if (body.baseVersion !== undefined && body.baseVersion !== current.latestVersion) {
        throw new ApiError(409, "conflict", `The pipeline was saved elsewhere since version ${body.baseVersion} (it is now at version ${current.latestVersion}); reload it before saving`);
      }
      const version = current.latestVersion + 1;
      await tx.pipelineVersion.create({
        data: { id: randomUUID(), pipelineId: id, version, graph: graphText, message: body.message ?? "", authorId: author?.userId ?? null, author: author?.email ?? "" },
      });
      // Conditional on the version read above, so two concurrent saves cannot both win.
      const updated = await tx.pipeline.updateMany({
        where: { id, latestVersion: current.latestVersion },
        data: { latestVersion: version, name: body.name, description: body.description },
      });
      if (updated.count !== 1) throw concurrentSave();
      return (await tx.pipeline.findUnique({ where: { id } }))!;
    });
    publishVersionSaved({ pipelineId: id, version: row.latestVersion, author: author?.name || author?.email || "someone" });
    return toDetail(row, graphText);
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (body.name !== undefined && (await db.pipeline.findFirst({ where: { name: body.name, NOT: { id } } }))) throw nameTaken(body.name);
      throw concurrentSave();
    }
    throw error;
  }
}

function concurrentSave(): ApiError {
  return new ApiError(409, "conflict", "Another save of this pipeline happened at the same moment; reload it and save again");
}
