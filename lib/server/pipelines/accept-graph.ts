import "server-only";
import { validatePipeline, type PipelineDocument, type PipelineProblem } from "@/engine/graph";
import { ApiError } from "../api/api-error";

/**
 * Validates a graph for saving. A structurally broken document is always
 * refused (422); one with other problems is refused unless it is saved as a
 * draft, in which case its problems are returned to show with it.
 */
export function acceptGraph(graph: unknown, draft = false): { document: PipelineDocument; problems: PipelineProblem[] } {
  const result = validatePipeline(graph);
  // What is stored is the document as sent (after the shape check), not its parsed form: a title typed with a trailing space stays as typed.
  if (result.ok) return { document: result.input, problems: [] };
  if (result.document && draft) return { document: result.document, problems: result.problems };
  const hint = result.document ? " Fix them, or send \"draft\": true to keep the graph as a draft." : "";
  throw new ApiError(422, "invalid_graph", `${describeProblems(result.problems)}.${hint}`, result.problems);
}

function describeProblems(problems: PipelineProblem[]): string {
  const shown = problems.slice(0, 3).map((problem) => problem.message).join("; ");
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
  return `The graph has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${shown}${more}`;
}
