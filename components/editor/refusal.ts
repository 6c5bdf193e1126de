import type { PipelineProblem } from "@/engine/graph";

/** The server refused to deploy or preview the graph (a 422) and said why. */
export type Refusal = { action: "deploy" | "preview"; message: string; problems: readonly PipelineProblem[] };
