import type { PipelineDocument } from "../pipeline-document";

/**
 * Sessionises a clickstream: a user's clicks with less than a minute between
 * them form one session, summarised (clicks, first and last click) when the
 * session has been quiet for a minute. Keyed by user id.
 */
export function clickSessionsTemplate(topics = { clicks: "clicks", output: "click-sessions" }): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "clicks", type: "kafka-source", position: { x: 0, y: 80 }, data: { label: "Clicks", topic: topics.clicks, format: "json", startFrom: "earliest", timeField: "at" } },
      {
        id: "sessions",
        type: "reduce",
        position: { x: 280, y: 80 },
        data: {
          label: "Sessions per user",
          groupBy: ["user_id"],
          aggregations: [
            { fn: "count", as: "clicks" },
            { fn: "min", field: "at", as: "first_click" },
            { fn: "max", field: "at", as: "last_click" },
          ],
          window: { type: "session", gap: 60_000 },
        },
      },
      { id: "session-summaries", type: "kafka-sink", position: { x: 560, y: 80 }, data: { label: "Session summaries", topic: topics.output, format: "json", key: "user_id" } },
    ],
    edges: [
      { id: "clicks-sessions", source: "clicks", target: "sessions", targetHandle: null },
      { id: "sessions-session-summaries", source: "sessions", target: "session-summaries", targetHandle: null },
    ],
  };
}
