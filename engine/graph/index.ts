export * from "./pipeline-document";
export * from "./validate-pipeline";
export { findCycle } from "./find-cycle";
export { topologicalOrder } from "./topological-order";
export { wordCountTemplate } from "./templates/word-count";
export { checkPipelineExpressions, type ExpressionProblem } from "./check-expressions";
export { diffDocuments, describeDiff, canonical, type DocumentDiff, type NodeChange, type FieldChange } from "./diff-documents";
export {
  categoryLabels,
  categoryOf,
  findOperator,
  nodeTypeNames,
  operatorOf,
  operators as nodeTypes,
  type DataOf,
  type NodeTypeName,
  type TypedNode,
} from "../operators/registry";
export type { NamedPort, OperatorCategory as NodeCategory, OperatorIcon, FormFieldSpec } from "../operators/operator-module";
export { formatMillis } from "../operators/shared/format-millis";
export { portsOf, type Port } from "./ports";
export { kafkaEndpoints, type KafkaEndpointNode } from "./endpoints";
export { disableRule, disabledEffect, type DisableRule, type DisabledEffect, type DisabledNode, type ValidNode } from "./disabled-nodes";
export { connectionRefusal, reaches, type ConnectionRefusal, type EdgeEnds } from "./connection-rules";
export { pipelineTemplates, findTemplate, templateTopics, type PipelineTemplate, type TemplateTopic, type SampleRecord } from "./templates/catalog";
