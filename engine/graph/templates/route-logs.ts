import type { PipelineDocument } from "../pipeline-document";

/**
 * Routes structured log lines by level: errors to one topic, warnings to
 * another, everything else to a third, each keyed by service.
 */
export function routeLogsTemplate(topics = { logs: "logs", errors: "logs-errors", warnings: "logs-warnings", other: "logs-other" }): PipelineDocument {
  const sink = (id: string, label: string, topic: string, y: number) => ({ id, type: "kafka-sink" as const, position: { x: 560, y }, data: { label, topic, format: "json", key: "service" } });
  return {
    version: 1,
    nodes: [
      { id: "logs", type: "kafka-source", position: { x: 0, y: 160 }, data: { label: "Log lines", topic: topics.logs, format: "json", startFrom: "earliest" } },
      {
        id: "by-level",
        type: "route",
        position: { x: 280, y: 160 },
        data: { label: "By level", routes: [{ name: "errors", condition: "level = 'ERROR'" }, { name: "warnings", condition: "level = 'WARN'" }] },
      },
      sink("errors", "Errors", topics.errors, 0),
      sink("warnings", "Warnings", topics.warnings, 160),
      sink("other", "Everything else", topics.other, 320),
    ],
    edges: [
      { id: "logs-by-level", source: "logs", target: "by-level", targetHandle: null },
      { id: "by-level.errors-errors", source: "by-level", sourceHandle: "errors", target: "errors", targetHandle: null },
      { id: "by-level.warnings-warnings", source: "by-level", sourceHandle: "warnings", target: "warnings", targetHandle: null },
      { id: "by-level.default-other", source: "by-level", sourceHandle: "default", target: "other", targetHandle: null },
    ],
  };
}
