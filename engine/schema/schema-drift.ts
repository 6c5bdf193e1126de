import { checkPipelineExpressions } from "../graph/check-expressions";
import type { PipelineDocument } from "../graph/pipeline-document";
import { pinnedSchemaKey, type PinnedSchema } from "./pinned-schema";

/** A downstream expression that no longer fits what a source topic's latest records carry. */
export type SchemaDrift = {
  /** The node whose expression (or configuration) no longer fits. */
  nodeId: string;
  field: string;
  /** The source whose sample disagrees, and its topic. */
  sourceId: string;
  topic: string;
  message: string;
};

/** The fields a source's latest records carried, typed (as pinned fields are written). */
export type SourceSample = { sourceId: string; topic: string; schema: PinnedSchema };

/**
 * Schema drift: the problems the document's expressions would have if each
 * sampled source were typed by its sample instead of by what the document
 * says (its pinned schema, or "any field"). A field an expression uses that
 * the sampled records no longer carry, or whose type changed so the
 * expression no longer checks, shows as a new problem there; problems the
 * document already has are not repeated. A warning, not an error: the sample
 * is only the latest records. Sources whose sample was empty are left out.
 */
export function findSchemaDrift(document: PipelineDocument, samples: readonly SourceSample[]): SchemaDrift[] {
  const bySource = new Map(samples.filter((sample) => sample.schema.fields.length > 0).map((sample) => [sample.sourceId, sample]));
  if (bySource.size === 0) return [];
  const key = (problem: { nodeId: string; field: string; message: string }) => `${problem.nodeId}\u0000${problem.field}\u0000${problem.message}`;
  const known = new Set(checkPipelineExpressions(document).problems.map(key));
  const asSampled: PipelineDocument = {
    ...document,
    nodes: document.nodes.map((node) => {
      const sample = bySource.get(node.id);
      return sample ? { ...node, data: { ...node.data, [pinnedSchemaKey]: sample.schema } } : node;
    }),
  };
  const drift: SchemaDrift[] = [];
  for (const problem of checkPipelineExpressions(asSampled).problems) {
    if (known.has(key(problem))) continue;
    const source = upstreamSource(document, problem.nodeId, bySource);
    if (!source) continue;
    drift.push({ nodeId: problem.nodeId, field: problem.field, sourceId: source.sourceId, topic: source.topic, message: `${problem.message} (in the latest records of '${source.topic}')` });
  }
  return drift;
}

/** The nearest sampled source upstream of a node (breadth-first against the edges). */
function upstreamSource(document: PipelineDocument, nodeId: string, samples: ReadonlyMap<string, SourceSample>): SourceSample | null {
  const seen = new Set<string>();
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of document.edges) {
        if (edge.target !== id || seen.has(edge.source)) continue;
        seen.add(edge.source);
        const sample = samples.get(edge.source);
        if (sample) return sample;
        next.push(edge.source);
      }
    }
    frontier = next;
  }
  return null;
}
