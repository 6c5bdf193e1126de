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
  /**
   * Added compatibly: absent (or false) means enabled. A disabled node is not run as
   * configured and its `data` is not validated: see `disableRule` in disabled-nodes.ts.
   */
  disabled: z.boolean({ error: "disabled must be true or false" }).optional(),
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

/** The colours a sticky note can have; the canvas maps each to its own palette. */
export const noteColors = ["yellow", "blue", "green", "pink", "grey"] as const;
export type NoteColor = (typeof noteColors)[number];

/** Limits on sticky notes: enough for any annotation, small enough to keep documents cheap. */
export const noteLimits = { notes: 200, textLength: 10_000, minSize: 80, maxSize: 4_000 } as const;

const noteDimension = (axis: string) =>
  z
    .number({ error: `Note ${axis} must be a number` })
    .finite()
    .min(noteLimits.minSize, `Note ${axis} is at least ${noteLimits.minSize}`)
    .max(noteLimits.maxSize, `Note ${axis} is at most ${noteLimits.maxSize}`);

/**
 * A sticky note on the canvas: markdown text for the people reading the pipeline. Notes are not
 * operators: the engine, validation, the Flink compiler and deploy plans ignore them.
 */
export const pipelineNoteSchema = z.object({
  id: elementId,
  position: z.object({
    x: z.number({ error: "Position x must be a number" }).finite(),
    y: z.number({ error: "Position y must be a number" }).finite(),
  }),
  size: z.object({ width: noteDimension("width"), height: noteDimension("height") }),
  text: z.string({ error: "Note text must be a string" }).max(noteLimits.textLength, `Note text is at most ${noteLimits.textLength} characters`),
  color: z.enum(noteColors, { error: `Note colour must be one of ${noteColors.join(", ")}` }).optional(),
});

/** The pipeline document: the public, versioned format saved by the editor and run by the engine. */
export const pipelineDocumentSchema = z.object({
  version: z.literal(1, { error: "Document version must be 1" }),
  nodes: z.array(pipelineNodeSchema).max(documentLimits.nodes, `A pipeline has at most ${documentLimits.nodes} nodes`),
  edges: z.array(pipelineEdgeSchema).max(documentLimits.edges, `A pipeline has at most ${documentLimits.edges} edges`),
  /** Added compatibly: a document without notes has none. */
  notes: z.array(pipelineNoteSchema).max(noteLimits.notes, `A pipeline has at most ${noteLimits.notes} notes`).optional(),
});

export type PipelineNode = z.infer<typeof pipelineNodeSchema>;
export type PipelineEdge = z.infer<typeof pipelineEdgeSchema>;
export type PipelineNote = z.infer<typeof pipelineNoteSchema>;
export type PipelineDocument = z.infer<typeof pipelineDocumentSchema>;

/** An empty document, the starting point of a new pipeline. */
export function emptyDocument(): PipelineDocument {
  return { version: 1, nodes: [], edges: [] };
}
