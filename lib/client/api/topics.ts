import type { z } from "zod";
import {
  createTopicResponse,
  produceResponse,
  searchEvent,
  tailResponse,
  topicDetailResponse,
  topicListResponse,
  topicNamesResponse,
  type CreateTopicInput,
  type ProduceInput,
  type SearchBody,
  type SearchEvent,
  type TopicFormat,
  type TopicMessage,
} from "@/lib/schemas/topics";
import { request, requestLines } from "../api-client";

/** The topics API from the browser: the topic browser and the editor's topic fields. */

export type { CreateTopicInput, ProduceInput, SearchBody, SearchEvent, TopicFormat, TopicMessage };
export type TopicSummary = z.infer<typeof topicListResponse>["topics"][number];
export type TopicDetail = z.infer<typeof topicDetailResponse>["topic"];
export type TopicName = z.infer<typeof topicNamesResponse>["topics"][number];

/** `?a=1&b=2` from the parameters that are set. */
function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

const topicPath = (name: string) => `/api/topics/${encodeURIComponent(name)}`;

/** Topics whose name contains `filter`, with partitions, counts, retention and the pipelines using them. */
export async function listTopics(options: { filter?: string; connection?: string; signal?: AbortSignal } = {}): Promise<{ topics: TopicSummary[]; truncated: boolean }> {
  return request("GET", `/api/topics${query({ q: options.filter, connection: options.connection })}`, { signal: options.signal, schema: topicListResponse });
}

/** Every topic name with its partition count, and the partitions a new topic gets (for completion and exists checks). */
export async function listTopicNames(connection?: string, signal?: AbortSignal): Promise<{ topics: TopicName[]; defaultPartitions: number | null }> {
  return request("GET", `/api/topics${query({ view: "names", connection })}`, { signal, schema: topicNamesResponse });
}

/** One topic with its partitions and offsets. */
export async function getTopic(name: string, connection?: string, signal?: AbortSignal): Promise<TopicDetail> {
  return (await request("GET", `${topicPath(name)}${query({ connection })}`, { signal, schema: topicDetailResponse })).topic;
}

/** The latest `limit` records, oldest first. */
export async function tailTopic(name: string, options: { limit?: number; format?: TopicFormat; connection?: string; signal?: AbortSignal } = {}): Promise<TopicMessage[]> {
  return (await request("GET", `${topicPath(name)}/messages${query({ limit: options.limit, format: options.format, connection: options.connection })}`, { signal: options.signal, schema: tailResponse })).messages;
}

/**
 * Searches a topic with a filter; `onEvent` hears progress, each match and the
 * end (with the cursor to continue) as they stream in. Abort `signal` to cancel.
 */
export async function searchTopic(name: string, body: SearchBody, onEvent: (event: SearchEvent) => void, options: { connection?: string; signal?: AbortSignal } = {}): Promise<void> {
  await requestLines("POST", `${topicPath(name)}/search${query({ connection: options.connection })}`, { json: body, signal: options.signal, schema: searchEvent, onLine: onEvent });
}

/** Creates a topic (editor). */
export async function createTopic(input: CreateTopicInput, connection?: string): Promise<TopicSummary> {
  return (await request("POST", `/api/topics${query({ connection })}`, { json: input, schema: createTopicResponse })).topic;
}

/** Produces one test message (editor); answers where it landed. */
export async function produceMessage(name: string, input: ProduceInput, connection?: string): Promise<{ partition: number; offset: string }> {
  return request("POST", `${topicPath(name)}/messages${query({ connection })}`, { json: input, schema: produceResponse });
}
