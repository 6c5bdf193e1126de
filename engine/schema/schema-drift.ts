import { checkPipelineExpressions } from "../graph/check-expressions";
import type { PipelineDocument } from "../graph/pipeline-document";
import { pinnedSchemaKey, type PinnedSchema } from "./pinned-schema";
import { nearestUpstream } from "./upstream-source";

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

/**
 * The fields a source's latest records carried, typed (as pinned fields are
 * written), and for each the share of records that carried it non-null.
 */
export type SourceSample = { sourceId: string; topic: string; schema: PinnedSchema; carried?: Readonly<Record<string, number>> };

/**
 * Schema drift: the problems the document's expressions would have if each
 * sampled source were typed by its sample instead of by what the document
 * says (its pinned schema, or "any field"). A field an expression uses that
 * the sampled records no longer carry, or whose type changed so the
 * expression no longer checks, shows as a new problem there; problems the
 * document already has are not repeated. A warning, not an error: the sample
 * is only the latest records. Sources whose sample was empty are left out.
 * A field pinned as required that some sampled records lack (or carry as
 * null) is drift on the source itself.
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
  for (const node of document.nodes) {
    const sample = bySource.get(node.id);
    const pinned = (node.data as { [pinnedSchemaKey]?: PinnedSchema })[pinnedSchemaKey];
    if (!sample?.carried || !pinned?.fields) continue;
    pinned.fields.forEach((field, index) => {
      const share = sample.carried![field.name] ?? 0;
      if (field.required && share < 1) {
        drift.push({
          nodeId: node.id,
          field: `${pinnedSchemaKey}.fields.${index}.required`,
          sourceId: node.id,
          topic: sample.topic,
          message: `Required field '${field.name}' is missing or null in ${Math.round((1 - share) * 100)}% of the latest records of '${sample.topic}'`,
        });
      }
    });
  }
  for (const problem of checkPipelineExpressions(asSampled).problems) {
    if (known.has(key(problem))) continue;
    const sourceId = nearestUpstream(document, problem.nodeId, (id) => bySource.has(id));
    if (!sourceId) continue;
    const source = bySource.get(sourceId)!;
    drift.push({ nodeId: problem.nodeId, field: problem.field, sourceId: source.sourceId, topic: source.topic, message: `${problem.message} (in the latest records of '${source.topic}')` });
  }
  return drift;
}
