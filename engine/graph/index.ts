export * from "./node-data";
export * from "./node-types";
export * from "./pipeline-document";
export * from "./validate-pipeline";
export { findCycle } from "./find-cycle";
export { topologicalOrder } from "./topological-order";
export { wordCountTemplate } from "./templates/word-count";
export { checkPipelineExpressions, type ExpressionProblem } from "./check-expressions";
export { connectionRefusal, reaches, type ConnectionRefusal, type EdgeEnds } from "./connection-rules";
