import { z } from "zod";
import { nodeTypeNames } from "../operators/registry";

/** Limits that keep one document cheap to validate, store and render. */
export const documentLimits = { nodes: 500, edges: 2_000, idLength: 64 } as const;

const elementId = z
  .string({ error: "Id must be a string" })
  .min(1, "Id must not be empty")
  .max(documentLimits.idLength, `Ids are at most ${documentLimits.idLength} characters`)
  .regex(/^[A-Za-z0-9_.:-]+$/, "Ids may contain only letters, digits, '_', '.', ':' and '-'");

/**
 * The name of a port on a node: a join's `left`/`right` input, a route's
 * named output. Which names a node has depends on its type (and, for named
 * outputs, its configuration), so validation checks them against the node.
 */
const portHandle = z
  .string({ error: "A port handle must be a string" })
  .min(1, "A port handle must not be empty")
  .max(128, "Port handles are at most 128 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "Port handles may contain only letters, digits, '_', '.', ':' and '-'");

/**
 * The shape of a node before its `data` is checked against its type: the
 * per-type check happens in validation so every problem can name its node.
 */
export const pipelineNodeSchema = z.object({
  id: elementId,
  type: z.enum(nodeTypeNames, { error: `Node type must be one of ${nodeTypeNames.join(", ")}` }),
  position: z.object({
    x: z.number({ error: "Position x must be a number" }).finite(),
    y: z.number({ error: "Position y must be a number" }).finite(),
  }),
  data: z.record(z.string(), z.unknown(), { error: "Node data must be an object" }),
});

export const pipelineEdgeSchema = z.object({
  id: elementId,
  source: elementId,
  target: elementId,
  /** The output of `source` the edge leaves from: absent or null for a node's single output. */
  sourceHandle: portHandle.nullable().optional(),
  /** The input of `target` the edge enters: absent or null for a node's single input. */
  targetHandle: portHandle.nullable().optional(),
});

/** The pipeline document: the public, versioned format saved by the editor and run by the engine. */
export const pipelineDocumentSchema = z.object({
  version: z.literal(1, { error: "Document version must be 1" }),
  nodes: z.array(pipelineNodeSchema).max(documentLimits.nodes, `A pipeline has at most ${documentLimits.nodes} nodes`),
  edges: z.array(pipelineEdgeSchema).max(documentLimits.edges, `A pipeline has at most ${documentLimits.edges} edges`),
});

export type PipelineNode = z.infer<typeof pipelineNodeSchema>;
export type PipelineEdge = z.infer<typeof pipelineEdgeSchema>;
export type PipelineDocument = z.infer<typeof pipelineDocumentSchema>;

/** An empty document, the starting point of a new pipeline. */
export function emptyDocument(): PipelineDocument {
  return { version: 1, nodes: [], edges: [] };
}
