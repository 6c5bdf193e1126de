import "server-only";
import type { RestoreVersionBody } from "@/lib/schemas/versions";
import { getVersion } from "./get-version";
import type { PipelineDetail } from "./pipeline-views";
import { savePipelineVersion } from "./save-pipeline-version";
import type { VersionAuthor } from "./version-author";

/**
 * Restores an old version: its graph is saved as the newest version, with a
 * message saying where it came from. History is never rewritten. A version
 * that was saved as a draft is restored as one.
 */
export async function restoreVersion(pipelineId: string, versionParam: string, body: RestoreVersionBody, author?: VersionAuthor): Promise<PipelineDetail> {
  const old = await getVersion(pipelineId, versionParam);
  const message = `Restored from version ${old.version}${body.message ? `: ${body.message}` : ""}`;
  return savePipelineVersion(pipelineId, { graph: old.graph as object, message, draft: true }, author);
}
