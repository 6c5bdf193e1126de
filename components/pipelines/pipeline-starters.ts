import { emptyDocument, kafkaEndpoints, wordCountTemplate, type PipelineDocument } from "@/engine/graph";

/**
 * The topics the word count template reads and writes, taken from the template itself so
 * the hints shown next to it cannot drift from what it does.
 */
export function wordCountTopics(): { input: string; output: string } {
  const endpoints = kafkaEndpoints(wordCountTemplate());
  const topicOf = (role: "source" | "sink") => endpoints.find((endpoint) => endpoint.role === role)?.topic ?? "";
  return { input: topicOf("source"), output: topicOf("sink") };
}

export type PipelineStarterId = "blank" | "word-count";

export type PipelineStarter = {
  id: PipelineStarterId;
  title: string;
  description: string;
  suggestedName: string;
  graph: () => PipelineDocument;
};

/** What a new pipeline can start from. */
export const pipelineStarters: readonly PipelineStarter[] = [
  {
    id: "blank",
    title: "Blank canvas",
    description: "Start empty and drag operators from the palette.",
    suggestedName: "",
    graph: emptyDocument,
  },
  {
    id: "word-count",
    title: "Word count",
    description: `Read lines from ${wordCountTopics().input}, count words, write to ${wordCountTopics().output}.`,
    suggestedName: "Word count",
    graph: () => wordCountTemplate(),
  },
];

/** Looks up a starter by id; the ids are a closed set so this cannot miss. */
export function pipelineStarter(id: PipelineStarterId): PipelineStarter {
  return pipelineStarters.find((starter) => starter.id === id)!;
}
