import type { PipelineDocument } from "../pipeline-document";

/**
 * The classic word count: lines of text from one topic, split into words,
 * counted per word, the running counts written to another topic keyed by word.
 */
export function wordCountTemplate(topics = { input: "test", output: "result" }): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "lines", type: "kafka-source", position: { x: 0, y: 80 }, data: { label: "Lines", topic: topics.input, format: "text", startFrom: "earliest" } },
      { id: "words", type: "flat-map", position: { x: 280, y: 80 }, data: { label: "Split into words", expression: "SPLIT(LOWER(text), ' ')", as: "word" } },
      { id: "non-empty", type: "filter", position: { x: 560, y: 80 }, data: { label: "Drop empty words", condition: "CHAR_LENGTH(word) > 0" } },
      { id: "count", type: "reduce", position: { x: 840, y: 80 }, data: { label: "Count per word", groupBy: ["word"], aggregations: [{ fn: "count", as: "count" }] } },
      { id: "counts", type: "kafka-sink", position: { x: 1120, y: 80 }, data: { label: "Word counts", topic: topics.output, format: "json", key: "word" } },
    ],
    edges: [
      { id: "lines-words", source: "lines", target: "words", targetHandle: null },
      { id: "words-non-empty", source: "words", target: "non-empty", targetHandle: null },
      { id: "non-empty-count", source: "non-empty", target: "count", targetHandle: null },
      { id: "count-counts", source: "count", target: "counts", targetHandle: null },
    ],
  };
}
